/**
 * The `tributary` command line: talks to the gateway like any client.
 *
 *   npm run tributary -- ingest <files...> [--dataset <name>] [--threshold <kWh>] [--sheet <name>]
 *   npm run tributary -- job <job-id>
 *
 * Credentials: TRIBUTARY_API_KEY, else TRIBUTARY_EMAIL / TRIBUTARY_PASSWORD, else the local
 * admin's (.tributary/admin-credentials.env, written by `npm start`). The gateway is
 * TRIBUTARY_API_URL (default http://127.0.0.1:3000, or TRIBUTARY_GATEWAY_PORT's).
 *
 * Exit status: 0 when every job succeeded (or was a duplicate), 1 when any job failed or rejected
 * rows, 2 for a usage error or an error answer from the gateway.
 */
import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';

const root = join(__dirname, '..', '..');
const api =
  process.env['TRIBUTARY_API_URL'] ??
  `http://127.0.0.1:${process.env['TRIBUTARY_GATEWAY_PORT'] ?? 3000}`;
const FINAL = new Set(['succeeded', 'partially_failed', 'failed', 'duplicate']);

interface Job {
  job_id: string;
  dataset: string;
  dataset_detected: boolean;
  status: string;
  file_name: string | null;
  format: string | null;
  rows: { read: number; accepted: number; rejected: number };
  duration_ms: number | null;
  rows_per_second: number | null;
  error: string | null;
  duplicate_of: string | null;
}

class UsageError extends Error {}

function fail(message: string, status = 2): never {
  process.stderr.write(`tributary: ${message}\n`);
  process.exit(status);
}

async function credentials(): Promise<Record<string, string>> {
  const key = process.env['TRIBUTARY_API_KEY'];
  if (key) return { 'x-api-key': key };
  let email = process.env['TRIBUTARY_EMAIL'];
  let password = process.env['TRIBUTARY_PASSWORD'];
  const file = join(root, '.tributary', 'admin-credentials.env');
  if ((!email || !password) && existsSync(file)) {
    const vars = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    email = vars['TRIBUTARY_ADMIN_EMAIL'];
    password = vars['TRIBUTARY_ADMIN_PASSWORD'];
  }
  if (!email || !password)
    throw new UsageError('set TRIBUTARY_API_KEY, or TRIBUTARY_EMAIL and TRIBUTARY_PASSWORD');
  const login = await call<{ access_token: string }>(
    'POST',
    '/v1/auth/login',
    {},
    {
      body: JSON.stringify({ email, password }),
      headers: { 'content-type': 'application/json' },
    },
  );
  return { authorization: `Bearer ${login.access_token}` };
}

async function call<T>(
  method: string,
  path: string,
  auth: Record<string, string>,
  init: { body?: string | FormData; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${api}${path}`, {
      method,
      body: init.body ?? null,
      headers: { ...auth, ...init.headers },
    });
  } catch (error) {
    fail(
      `cannot reach the gateway at ${api}: ${(error as Error).cause ?? (error as Error).message}`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      const problem = JSON.parse(text) as { title?: string; detail?: string };
      detail = `${problem.title ?? response.statusText}: ${problem.detail ?? ''}`;
    } catch {
      // not a problem document: print the body as it came
    }
    fail(`${method} ${path} answered ${response.status}. ${detail}`);
  }
  return JSON.parse(text) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows a job until it is final, drawing its progress; a just-queued job may take a moment to appear. */
async function follow(jobId: string, name: string, auth: Record<string, string>): Promise<Job> {
  const bar = new SingleBar({
    format: `${name.padEnd(28).slice(0, 28)} {status} | {value} rows read, {accepted} accepted, {rejected} rejected | {rate} rows/s`,
    hideCursor: true,
    clearOnComplete: false,
    noTTYOutput: false,
  });
  bar.start(0, 0, { status: 'queued'.padEnd(16), accepted: 0, rejected: 0, rate: '-' });
  try {
    for (;;) {
      const response = await fetch(`${api}/v1/jobs/${jobId}`, { headers: auth });
      if (response.status === 404) {
        await sleep(300);
        continue;
      }
      if (!response.ok) fail(`GET /v1/jobs/${jobId} answered ${response.status}`);
      const job = (await response.json()) as Job;
      bar.setTotal(Math.max(job.rows.read, 1));
      bar.update(job.rows.read, {
        status: job.status.padEnd(16),
        accepted: job.rows.accepted,
        rejected: job.rows.rejected,
        rate: job.rows_per_second ?? '-',
      });
      if (FINAL.has(job.status)) return job;
      await sleep(500);
    }
  } finally {
    bar.stop();
  }
}

async function ingest(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      threshold: { type: 'string' },
      sheet: { type: 'string' },
      delimiter: { type: 'string' },
    },
  });
  if (positionals.length === 0)
    throw new UsageError(
      'usage: tributary ingest <files...> [--dataset <name>] [--threshold <kWh>]',
    );
  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  const auth = await credentials();
  const form = new FormData();
  for (const option of ['dataset', 'threshold', 'sheet', 'delimiter'] as const) {
    const value = values[option];
    if (value !== undefined) form.append(option, value);
  }
  // openAsBlob reads the file as it is sent, so a large file is never held in memory.
  for (const file of positionals) form.append('file', await openAsBlob(file), basename(file));
  const { jobs } = await call<{ jobs: { job_id: string; file_name: string }[] }>(
    'POST',
    '/v1/files',
    auth,
    { body: form },
  );
  let status = 0;
  for (const queued of jobs) {
    const job = await follow(queued.job_id, queued.file_name, auth);
    status = Math.max(status, report(job));
    if (job.rows.rejected > 0) {
      const { items } = await call<{
        items: { row_number: number; raw: string; reasons: string[] }[];
      }>('GET', `/v1/jobs/${job.job_id}/rejections?limit=5`, auth);
      process.stdout.write('  first rejected rows:\n');
      for (const item of items)
        process.stdout.write(
          `    row ${item.row_number}: ${item.reasons.join('; ')}\n      ${item.raw.slice(0, 200)}\n`,
        );
    }
  }
  return status;
}

function report(job: Job): number {
  const seconds = job.duration_ms === null ? '-' : (job.duration_ms / 1000).toFixed(1);
  process.stdout.write(
    `${job.file_name}: ${job.status} — ${job.dataset}${job.dataset_detected ? ' (recognised from the columns)' : ''}, ${job.format ?? '?'}; ` +
      `${job.rows.read} rows read, ${job.rows.accepted} accepted, ${job.rows.rejected} rejected in ${seconds} s` +
      `${job.rows_per_second ? ` (${job.rows_per_second} rows/s)` : ''}\n  job ${job.job_id}\n`,
  );
  if (job.duplicate_of)
    process.stdout.write(`  the same file was ingested by job ${job.duplicate_of}\n`);
  if (job.error) process.stdout.write(`  error: ${job.error}\n`);
  return job.status === 'succeeded' || job.status === 'duplicate' ? 0 : 1;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'ingest') process.exit(await ingest(rest));
    if (command === 'job' && rest[0]) {
      const job = await follow(rest[0], rest[0], await credentials());
      process.exit(report(job));
    }
    throw new UsageError(
      'usage: tributary ingest <files...> [--dataset <name>] | tributary job <id>',
    );
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    )
      fail((error as Error).message);
    throw error;
  }
}

void main();
