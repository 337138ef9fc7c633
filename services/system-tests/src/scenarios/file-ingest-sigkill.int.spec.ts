import { createHash } from 'node:crypto';
import { fileRowEventId } from '@tributary/contracts';
import { Random } from '@tributary/testing';
import { check, describeReport } from '../checker';
import { Ledger, type AckedReading } from '../ledger';
import { readFileSync } from 'node:fs';
import { FINAL_JOB_STATES as FINAL, Platform, SERVICES, type Job } from '../platform';
import { FULL, saveFigures } from './scenario';

const DATASET = 'telemetry.readings';

/** Whether file-ingest's log says it finished job `id` (its pino line `job finished`). */
const finishedIn = (logFile: string, id: string): boolean =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .some((line) => line.includes(`"job_id":"${id}"`) && line.includes('"msg":"job finished"'));

/**
 * A readings CSV of the run's sensors, from a seed: its rows, as the ledger expects them once
 * the job is finished (ids by the contracts' file-row rule, the header being line 1), and its bytes.
 */
function readingsFile(
  ledger: Ledger,
  seed: number,
  rows: number,
  sensors: number,
  startMs: number,
): { bytes: Buffer; readings: AckedReading[] } {
  const random = new Random(seed);
  const lines = ['sensor_id,timestamp,temperature,pressure,humidity'];
  const values: Omit<AckedReading, 'id'>[] = [];
  for (let i = 0; i < rows; i++) {
    const reading = {
      sensor_id: `${ledger.sensorPrefix}f${seed}-${i % sensors}`,
      timestamp_ms: startMs + Math.floor(i / sensors) * 1000 + (i % 7) * 13,
      temperature: random.decimal(-20, 45, 1),
      pressure: random.decimal(950, 1050, 1),
      humidity: random.decimal(10, 95, 1),
    };
    values.push(reading);
    lines.push(
      `${reading.sensor_id},${new Date(reading.timestamp_ms).toISOString()},${reading.temperature},${reading.pressure},${reading.humidity}`,
    );
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const checksum = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes,
    readings: values.map((v, i) => ({ ...v, id: fileRowEventId(DATASET, checksum, i + 2) })),
  };
}

/**
 * Scenario 5. file-ingest is SIGKILLed midway through a large readings file (seeded, generated),
 * then started again. The job's FileReceived offset was never committed, so the restarted worker
 * runs the job again from its first row (its claim is the same job's), republishing every row
 * under the same ids. Expected: the job ends `succeeded` with every row read and accepted once,
 * and every row is in ClickHouse and through the API exactly once, with exact rollups — checked
 * by the same checker as the readings, the ledger holding the finished job's accepted rows. A
 * fault-free file of the same size first gives the job's time without the crash.
 */
// Full form only: each file takes tens of seconds, and the check reads every row back.
(FULL ? describe : describe.skip)(
  'scenario 5: file-ingest SIGKILLed midway through a large file',
  () => {
    let platform: Platform;

    beforeAll(async () => {
      platform = await Platform.start({ name: 'file_ingest_sigkill', files: {} });
    }, 600_000);

    afterAll(async () => {
      await platform?.stop();
    });

    // Large enough that the job runs for tens of seconds (file-ingest reads ~10,000 rows/s here).
    const rows = FULL ? 500_000 : 150_000;
    const sensors = FULL ? 500 : 150;

    const upload = (bytes: Buffer, name: string) => platform.upload(DATASET, bytes, name);
    const job = (id: string) => platform.job(id);
    const finished = (id: string) => platform.finishedJob(id, FULL ? 900_000 : 300_000);

    it('ends the job succeeded with every row once, through the API and in ClickHouse', async () => {
      const ledger = new Ledger(platform.sensorPrefix);
      const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
      const startMs = day - 86_400_000 + 9 * 3_600_000;

      // Fault-free: the same number of rows, other values (another seed, so other bytes).
      const clean = readingsFile(ledger, 50, rows, sensors, startMs);
      let began = Date.now();
      const cleanJob = await finished(await upload(clean.bytes, 'clean.csv'));
      const cleanSeconds = (Date.now() - began) / 1000;
      expect({ status: cleanJob.status, rows: cleanJob.rows }).toEqual({
        status: 'succeeded',
        rows: { read: rows, accepted: rows, rejected: 0 },
      });
      ledger.record(clean.readings);

      const faulted = readingsFile(ledger, 5, rows, sensors, startMs);
      began = Date.now();
      const id = await upload(faulted.bytes, 'faulted.csv');
      // Midway: the job has published a fifth of its rows (its progress counts acknowledged rows).
      let atKill: Job | undefined;
      for (const deadline = Date.now() + 600_000; !atKill;) {
        const j = await job(id);
        if (j && FINAL.includes(j.status))
          throw new Error(`job ${id} ended before the kill: make the file larger`);
        if (j && j.rows.accepted >= rows * 0.2) atKill = j;
        else if (Date.now() > deadline) throw new Error(`job ${id} never got midway`);
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const midway = atKill;
      const dead = platform.supervisor.process(SERVICES.fileIngest);
      await platform.supervisor.kill(SERVICES.fileIngest);
      const killedAt = Date.now();
      // The dead process never reported the job finished: the kill landed mid-file.
      expect(finishedIn(dead.logFile, id)).toBe(false);
      await platform.supervisor.restart(SERVICES.fileIngest);
      // When the restarted worker ran the job again: its first progress after the kill went down.
      let resumedAfterS = NaN;
      const watch = (async () => {
        for (;;) {
          const j = await job(id);
          if (!j || FINAL.includes(j.status)) return;
          if (j.rows.accepted < midway.rows.accepted) {
            resumedAfterS = (Date.now() - killedAt) / 1000;
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const faultedJob = await finished(id);
      await watch;
      const faultedSeconds = (Date.now() - began) / 1000;
      expect({ status: faultedJob.status, rows: faultedJob.rows, error: faultedJob.error }).toEqual(
        {
          status: 'succeeded',
          rows: { read: rows, accepted: rows, rejected: 0 },
          error: null,
        },
      );
      // The finished jobs' accepted rows are what the platform promised.
      ledger.record(faulted.readings);

      await platform.drain(FULL ? 600_000 : 180_000);
      const drainedAfterS = (Date.now() - began) / 1000;
      platform.token = await platform.login();
      const clickhouse = platform.clickhouse();
      let report;
      try {
        report = await check(ledger, { api: platform.api, token: platform.token, clickhouse });
      } finally {
        await clickhouse.close();
      }
      const usage = platform.supervisor.usage(SERVICES.fileIngest);
      saveFigures('file-ingest-sigkill', {
        rowsPerFile: rows,
        acceptedAtKill: midway.rows.accepted,
        cleanJobS: cleanSeconds.toFixed(1),
        faultedJobS: faultedSeconds.toFixed(1),
        throughputVsFaultFree: (cleanSeconds / faultedSeconds).toFixed(2),
        rerunStartedAfterKillS: resumedAfterS.toFixed(1),
        drainedAfterUploadS: drainedAfterS.toFixed(1),
        redeliveredRows: report.redeliveredRows,
        fileIngestCpuSecondsPerMillionRows: ((usage.cpuSeconds / (2 * rows)) * 1e6).toFixed(1),
        fileIngestPeakRssMiB: usage.peakRssMiB.toFixed(0),
        fileIngestStarts: usage.starts,
        lost: report.api.lost.length + report.clickhouse.lost.length,
        duplicated: report.api.duplicated.length + report.clickhouse.duplicated.length,
      });
      if (!report.ok) throw new Error(`the check failed\n${describeReport(report)}`);
      expect(report.acknowledged).toBe(2 * rows);
      // The crash replayed rows: they are stored again under the same ids, and FINAL hides them.
      expect(report.api.lost).toEqual([]);
      expect(report.clickhouse.duplicated).toEqual([]);
    });
  },
);
