// Adds up the JSON results every jest run wrote, and prints one closing line for the whole
// suite: `tests: N passed, N failed, N skipped`. Exits 1 when a suite failed or none ran.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0 };
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!file.endsWith('.json')) continue;
  const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += result.numPendingTests + result.numTodoTests;
  totals.suitesFailed += result.numFailedTestSuites + (result.numRuntimeErrorTestSuites ?? 0);
}
process.stdout.write(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
if (totals.passed === 0) process.stderr.write('no test ran\n');
process.exit(totals.failed > 0 || totals.suitesFailed > 0 || totals.passed === 0 ? 1 : 0);
