import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPICS } from '@tributary/contracts';
import { createKafka, createLogger, kafkaConfigSchema, loadConfig } from '@tributary/platform';
import {
  entityExpansionXlsx,
  externalEntityXlsx,
  freePort,
  manyEntriesXlsx,
  skipToEnd,
  startService,
  uniqueName,
  waitFor,
  xlsxOf,
  zipBombXlsx,
  type ServiceProcess,
} from '@tributary/testing';
import { startStandaloneGateway } from '../testing/standalone-gateway';

/**
 * The upload corpus an attacker would try, against the gateway and file-ingest as deployed (its
 * own process, its default XLSX caps), with a landing store of the suite's own: zip bombs,
 * entity expansion and external entities, path names, oversize bodies, prototype keys and binary
 * junk. Each is refused with its reason (an HTTP problem, or a failed job with its error), the
 * file-ingest process's peak memory stays within a bound of its baseline, nothing lands outside
 * the landing store, and the services keep working.
 */
const MIB = 1_048_576;
const MAX_FILE_BYTES = 2 * MIB;
const FINAL = ['succeeded', 'partially_failed', 'failed', 'duplicate'];
const USAGE_HEADER = ['user_id', 'date', 'usage_kwh'];

interface Job {
  job_id: string;
  status: string;
  file_name: string | null;
  format: string | null;
  rows: { read: number; accepted: number; rejected: number };
  error: string | null;
}

/** A process's resident memory now and at its peak (Linux's VmRSS and VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

describe('hostile uploads', () => {
  const processes: ServiceProcess[] = [];
  let gateway: NestFastifyApplication;
  let api: string;
  let port: number;
  let token: string;
  let fileIngest: ServiceProcess;
  let fileIngestPort: number;
  /** The suite's sandbox: the landing store is a folder two levels down, so `../` names have room. */
  const sandbox = join(tmpdir(), uniqueName('upload-attacks'));
  const landing = join(sandbox, 'store', 'landing');
  const admin = {
    email: `${uniqueName('admin')}@e2e.test`,
    password: randomBytes(12).toString('hex'),
  };
  const user = uniqueName('u-attack');

  async function upload(
    files: { field?: string; name: string; bytes: Buffer }[],
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    for (const file of files)
      form.append(file.field ?? 'energy.usage', new Blob([file.bytes]), file.name);
    const response = await fetch(`${api}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Uploads one file and waits for its job to end. */
  async function ingest(name: string, bytes: Buffer, field?: string): Promise<Job> {
    const { status, body } = await upload([{ name, bytes, ...(field ? { field } : {}) }]);
    expect({ name, status }).toEqual({ name, status: 202 });
    const { job_id } = (body['jobs'] as { job_id: string }[])[0]!;
    return waitFor(
      `the job of ${name}`,
      async () => {
        const response = await fetch(`${api}/v1/jobs/${job_id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const job = (await response.json()) as Job;
        return response.status === 200 && FINAL.includes(job.status) ? job : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
  }

  beforeAll(async () => {
    mkdirSync(landing, { recursive: true });
    const kafka = createKafka(
      loadConfig(kafkaConfigSchema, process.env),
      'upload-attacks-e2e',
      createLogger('test', 'warn'),
    );
    const directoryGroup = uniqueName('upload-attacks-directory');
    const fileIngestGroup = uniqueName('upload-attacks-file-ingest');
    await skipToEnd(
      kafka,
      directoryGroup,
      TOPICS.map((spec) => spec.topic),
    );
    await skipToEnd(kafka, fileIngestGroup, ['ingest.files-received']);
    processes.push(
      await startService(
        'directory-projector',
        { DIRECTORY_GROUP_ID: directoryGroup },
        await freePort(),
      ),
    );
    fileIngestPort = await freePort();
    fileIngest = await startService(
      'file-ingest',
      {
        FILE_INGEST_GROUP_ID: fileIngestGroup,
        FILE_INGEST_DB_SCHEMA: uniqueName('file_ingest_attacks'),
        LANDING_DIR: landing,
        JOB_PROGRESS_INTERVAL_MS: '200',
      },
      fileIngestPort,
    );
    processes.push(fileIngest);
    const started = await startStandaloneGateway(admin, {
      LANDING_DIR: landing,
      MAX_FILE_BYTES: String(MAX_FILE_BYTES),
    });
    ({ app: gateway, api, token } = started);
    port = started.port;
  }, 240_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('refuses zip bombs, entity expansion, external entities and overfull archives, memory bounded', async () => {
    // The baseline: file-ingest once it has read a workbook (exceljs loaded, buffers warm).
    const warm = await ingest(
      'warm-up.xlsx',
      await xlsxOf([USAGE_HEADER, [user, '2026-10-01', '1.5']]),
    );
    expect({ status: warm.status, rows: warm.rows }).toEqual({
      status: 'succeeded',
      rows: { read: 1, accepted: 1, rejected: 0 },
    });
    const baseline = memoryOf(fileIngest.pid!).peak;
    // 256 MiB of shared strings each, 8 times the cap: unguarded, exceljs holds them all (one
    // such bomb read in-process, without the caps, took RSS ~500 MB over its start).
    const dtd =
      'the XLSX file is refused: xl/worksheets/sheet1.xml declares a document type (<!DOCTYPE>), which a workbook never has: entity definitions and external entities are not read';
    const secret = join(sandbox, 'secret.txt');
    const cases: { name: string; bytes: Buffer; error: string }[] = [
      {
        name: 'bomb-declared.xlsx',
        bytes: await zipBombXlsx(256 * MIB),
        error:
          'the XLSX file is refused: its shared strings (xl/sharedStrings.xml) declares more than 32 MiB',
      },
      {
        name: 'bomb-streamed.xlsx',
        bytes: await zipBombXlsx(256 * MIB, 'descriptor'),
        error:
          'the XLSX file is refused: its shared strings (xl/sharedStrings.xml) inflates to more than 32 MiB',
      },
      {
        name: 'bomb-lying.xlsx',
        bytes: await zipBombXlsx(256 * MIB, 'small'),
        error:
          'the XLSX file is refused: its shared strings (xl/sharedStrings.xml) inflates to more than 32 MiB',
      },
      { name: 'laughs.xlsx', bytes: await entityExpansionXlsx(USAGE_HEADER), error: dtd },
      { name: 'xxe.xlsx', bytes: await externalEntityXlsx(USAGE_HEADER, secret), error: dtd },
      {
        name: 'entries.xlsx',
        bytes: await manyEntriesXlsx(1_000),
        error: 'the XLSX file is refused: it holds more than 1000 entries',
      },
    ];
    for (const c of cases) {
      expect(c.bytes.length).toBeLessThan(MAX_FILE_BYTES);
      const job = await ingest(c.name, c.bytes);
      expect({ name: c.name, status: job.status, error: job.error, rows: job.rows }).toEqual({
        name: c.name,
        status: 'failed',
        error: c.error,
        rows: { read: 0, accepted: 0, rejected: 0 },
      });
    }
    // Generous: the shared-strings cap (32 MiB) held in memory at up to ~4 bytes per byte, plus
    // a chunk's inflating and slack.
    expect(memoryOf(fileIngest.pid!).peak - baseline).toBeLessThan(256 * MIB);
  });

  it('never uses an upload’s name as a path', async () => {
    const marker = uniqueName('escaped');
    const names = [
      `../../${marker}.csv`,
      `../../../${marker}.csv`,
      `${join(sandbox, `${marker}-absolute.csv`)}`,
      `..\\..\\${marker}.csv`,
    ];
    const before = filesUnder(sandbox);
    const bodies = names.map((_, i) =>
      Buffer.from(`${USAGE_HEADER.join(',')}\n${user},2026-10-0${i + 2},${i + 1}\n`),
    );
    const { status, body } = await upload(names.map((name, i) => ({ name, bytes: bodies[i]! })));
    expect(status).toBe(202);
    const jobs = body['jobs'] as { file_name: string; object_key: string }[];
    // Only the name's last segment reaches the gateway (the multipart parser drops directories),
    // and it is only the job's label.
    expect(jobs.map((j) => j.file_name)).toEqual(names.map((n) => n.split(/[\\/]/).pop()));
    for (const job of jobs)
      expect(job.object_key).toMatch(/^energy\.usage\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{64}\.csv$/);
    const added = filesUnder(sandbox).filter((f) => !before.includes(f));
    expect(added.sort()).toEqual(
      jobs.map((j) => relative(sandbox, join(landing, j.object_key))).sort(),
    );
    for (const dir of [sandbox, join(sandbox, '..'), join(sandbox, '..', '..')])
      expect(readdirSync(dir).filter((f) => f.includes(marker))).toEqual([]);
  });

  it('answers 413 to a body over the limit before reading it, keeping none of it', async () => {
    // A declared length over BODY_LIMIT_BYTES (16 MiB) is refused on the headers: the test sends
    // a few bytes of the 64 MiB it announces, and the answer comes without the rest.
    const refused = await new Promise<{ status: number; body: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/sensors/readings',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': String(64 * MIB),
          },
        });
        req.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            resolve({
              status: response.statusCode!,
              body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
            });
            req.destroy();
          });
        });
        req.on('error', reject);
        req.write('[{"sensor_id":');
      },
    );
    expect(refused).toMatchObject({
      status: 413,
      body: { type: '/problems/payload-too-large', status: 413 },
    });
    // A file over MAX_FILE_BYTES is cut as it streams: 413, and nothing of it is landed.
    const before = filesUnder(sandbox);
    const big = await upload([{ name: 'big.csv', bytes: Buffer.alloc(MAX_FILE_BYTES + MIB, 'a') }]);
    expect(big).toMatchObject({
      status: 413,
      body: {
        type: '/problems/payload-too-large',
        detail: `big.csv is larger than the limit of ${MAX_FILE_BYTES} bytes; nothing of it was kept`,
      },
    });
    expect(filesUnder(sandbox)).toEqual(before);
  });

  it('reads __proto__ and constructor columns as plain fields in every format', async () => {
    // Where usage_kwh comes only from a prototype key, read as a plain field the row lacks it.
    const files: { name: string; bytes: Buffer; rows: Job['rows'] }[] = [
      {
        name: 'proto.csv',
        bytes: Buffer.from(
          `__proto__,constructor,${USAGE_HEADER.join(',')}\nx,y,${user},2026-10-10,2\n`,
        ),
        rows: { read: 1, accepted: 1, rejected: 0 },
      },
      {
        name: 'proto.xlsx',
        bytes: await xlsxOf([
          ['__proto__', 'constructor', ...USAGE_HEADER],
          ['x', 'y', user, '2026-10-11', '3'],
        ]),
        rows: { read: 1, accepted: 1, rejected: 0 },
      },
      {
        name: 'proto.ndjson',
        bytes: Buffer.from(
          `{"__proto__":{"usage_kwh":5},"user_id":"${user}","date":"2026-10-12"}\n{"constructor":{"prototype":{"usage_kwh":5}},"user_id":"${user}","date":"2026-10-13","usage_kwh":4}\n`,
        ),
        rows: { read: 2, accepted: 1, rejected: 1 },
      },
      {
        name: 'proto.json',
        bytes: Buffer.from(
          `[{"user_id":"${user}","date":"2026-10-09","__proto__":{"usage_kwh":5}}]`,
        ),
        rows: { read: 1, accepted: 0, rejected: 1 },
      },
    ];
    for (const file of files) {
      const job = await ingest(file.name, file.bytes);
      expect({ name: file.name, rows: job.rows }).toEqual({ name: file.name, rows: file.rows });
      if (file.rows.rejected > 0) {
        const response = await fetch(`${api}/v1/jobs/${job.job_id}/rejections`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const page = (await response.json()) as { items: { reasons: string[] }[] };
        expect(page.items.map((r) => r.reasons)).toEqual([['usage_kwh: is required']]);
      }
    }
    expect(({} as { usage_kwh?: unknown }).usage_kwh).toBeUndefined();
  });

  it('fails binary junk posing as text or a workbook with its reason, and stays healthy', async () => {
    // 8 KiB of fixed noise (a hash chain), so each file fails the same way on every run.
    const junk = Buffer.concat(
      Array.from({ length: 256 }, (_, i) => createHash('sha256').update(`junk ${i}`).digest()),
    );
    // Without a zero byte, so that only what the bytes mean gives them away.
    const noZero = Buffer.from(junk.map((b) => (b === 0 ? 1 : b)));
    const utf8Junk = Buffer.from(noZero.toString('latin1'), 'utf8');
    const cases: { name: string; bytes: Buffer; error: unknown }[] = [
      { name: 'junk.csv', bytes: junk, error: 'the file is binary (it holds NUL bytes), not CSV' },
      {
        name: 'junk.json',
        bytes: junk,
        error: 'the file is binary (it holds NUL bytes), not JSON',
      },
      // Random bytes are not UTF-8 from their first line on (checked by Python's decoder too).
      {
        name: 'junk.ndjson',
        bytes: noZero,
        error:
          'the file is not UTF-8 text (line 1 holds bytes UTF-8 does not allow: ' +
          'Latin-1 or Windows-1252?): save it as UTF-8 NDJSON',
      },
      {
        name: 'text-junk.csv',
        bytes: noZero,
        error:
          'the file is not UTF-8 text (line 1 holds bytes UTF-8 does not allow: ' +
          'Latin-1 or Windows-1252?): save it as UTF-8 CSV',
      },
      // The same bytes read as Latin-1 and saved as UTF-8: valid text that means nothing.
      // Every line is refused as not JSON, so the job fails.
      { name: 'utf8-junk.ndjson', bytes: utf8Junk, error: 'all 34 rows were rejected' },
      {
        name: 'utf8-junk.csv',
        bytes: utf8Junk,
        error: expect.stringMatching(
          /^the file's columns do not fit energy\.usage: missing user_id \(or user, customer_id\); date/,
        ),
      },
      {
        name: 'junk.xlsx',
        bytes: junk,
        error: 'the file is not an XLSX workbook (it is not a ZIP archive)',
      },
      {
        name: 'zip-junk.csv',
        bytes: Buffer.concat([Buffer.from('PK\x03\x04'), junk]),
        error: 'the XLSX file is damaged or truncated: FILE_ENDED',
      },
    ];
    const outcomes = [];
    for (const c of cases) {
      const job = await ingest(c.name, c.bytes);
      outcomes.push({ name: c.name, status: job.status, error: job.error });
    }
    expect(outcomes).toEqual(
      cases.map((c) => ({ name: c.name, status: 'failed', error: c.error })),
    );
    const health = await fetch(`http://127.0.0.1:${fileIngestPort}/health/ready`);
    expect(health.status).toBe(200);
    const after = await ingest(
      'after.csv',
      Buffer.from(`${USAGE_HEADER.join(',')}\n${user},2026-10-20,1\n`),
    );
    expect({ status: after.status, rows: after.rows }).toEqual({
      status: 'succeeded',
      rows: { read: 1, accepted: 1, rejected: 0 },
    });
    expect(existsSync(landing)).toBe(true);
  });
});
