// Adds up the JSON results every jest run wrote, and prints one closing line for the whole
// suite: `tests: N passed, N failed, N skipped`. Exits 1 when a suite failed or none ran.
// Each failure is named again here, with the start of its message: CI keeps only the end of a
// long log, and a failure printed minutes earlier is otherwise lost with it.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0 };
const failures = [];
const firstLines = (text, n) =>
  // Jest's messages carry ANSI colours; the log is read as plain text.
  text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter(Boolean)
    .slice(0, n)
    .join('\n    ');
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!file.endsWith('.json')) continue;
  const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += result.numPendingTests + result.numTodoTests;
  totals.suitesFailed += result.numFailedTestSuites + (result.numRuntimeErrorTestSuites ?? 0);
  for (const suite of result.testResults ?? []) {
    const where = path.relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      failures.push(
        `${where} › ${test.fullName}\n    ${firstLines(test.failureMessages.join('\n'), 8)}`,
      );
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      failures.push(`${where} (the suite itself)\n    ${firstLines(suite.message ?? '', 8)}`);
    }
  }
}
if (failures.length > 0)
  process.stdout.write(`failed:\n${failures.map((f) => `  ${f}\n`).join('')}`);
process.stdout.write(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
if (totals.passed === 0) process.stderr.write('no test ran\n');
process.exit(totals.failed > 0 || totals.suitesFailed > 0 || totals.passed === 0 ? 1 : 0);
