import { readingIdFor } from '@tributary/contracts';
import { Random } from '@tributary/testing';
import { type AckedReading, type Ledger } from './ledger';

export interface ReadingLoad {
  /**
   * The gateway's base URL, or every replica's: batches are spread over them, and a batch that got
   * no answer (its gateway died) is sent again to the next, as a load balancer would.
   */
  readonly api: string | readonly string[];
  /** A bearer token with the `write` permission. */
  readonly token: string;
  readonly ledger: Ledger;
  /** Same seed, same readings (sensors, times, values, client ids). */
  readonly seed: number;
  readonly readings: number;
  readonly sensors: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Readings are spread one a second per sensor from this instant (ms). */
  readonly startMs: number;
  /** Batches per second over all senders (unset: as fast as acknowledged). */
  readonly batchesPerSecond?: number;
  /** A batch not acknowledged by then is given up (and its readings are not in the ledger). */
  readonly giveUpAfterMs?: number;
  /** Called after each batch was acknowledged, with how many are acknowledged so far. */
  readonly onProgress?: (acknowledged: number) => void;
}

export interface LoadResult {
  readonly sent: number;
  readonly acknowledged: number;
  /** Ack latency of each 202, ms (retries of a batch count from its first attempt). */
  readonly latenciesMs: number[];
  /** Every status answered, including the retried ones (0: no answer at all). */
  readonly statuses: Record<string, number>;
  /** Non-2xx answers that came without a Retry-After header (503 and 429 must carry one). */
  readonly withoutRetryAfter: number;
  readonly givenUp: number;
  readonly seconds: number;
}

interface Sent {
  readonly id: string;
  readonly sensor_id: string;
  readonly timestamp: string;
  readonly temperature: number;
  readonly pressure: number;
  readonly humidity: number;
}

/** The run's readings, deterministically from the seed: batch b holds readings b·size… */
export function generateReadings(
  load: Pick<ReadingLoad, 'seed' | 'readings' | 'sensors' | 'startMs' | 'ledger'>,
): Sent[] {
  const random = new Random(load.seed);
  const prefix = load.ledger.sensorPrefix;
  return Array.from({ length: load.readings }, (_, i) => ({
    id: `${prefix}r${i}`,
    sensor_id: `${prefix}s${i % load.sensors}`,
    timestamp: new Date(
      load.startMs + Math.floor(i / load.sensors) * 1000 + (i % 7) * 11,
    ).toISOString(),
    temperature: random.decimal(-20, 45, 1),
    pressure: random.decimal(950, 1050, 1),
    humidity: random.decimal(10, 95, 1),
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Posts the run's readings through the gateway in batches, `concurrency` at a time, the way a
 * careful client does: each reading carries its idempotency key, and a batch that is not answered
 * 202 is sent again, unchanged, after the `Retry-After` it was given (or 500 ms). Only 202s go in
 * the ledger, with the ids they answered.
 */
export async function runReadingLoad(load: ReadingLoad): Promise<LoadResult> {
  const readings = generateReadings(load);
  const apis = typeof load.api === 'string' ? [load.api] : load.api;
  const batches: Sent[][] = [];
  for (let i = 0; i < readings.length; i += load.batchSize)
    batches.push(readings.slice(i, i + load.batchSize));
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let withoutRetryAfter = 0;
  let givenUp = 0;
  let next = 0;
  const started = Date.now();
  const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);

  const send = async (batch: Sent[], index: number) => {
    if (load.batchesPerSecond) {
      const due = started + (index * 1000) / load.batchesPerSecond;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const first = Date.now();
    let target = index % apis.length;
    load.ledger.markSent(batch.map((r) => readingIdFor(r.sensor_id, r.id)));
    for (;;) {
      let status = 0;
      let retryAfterMs = 500;
      let body = '';
      try {
        const response = await fetch(`${apis[target]}/v1/sensors/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${load.token}` },
          body: JSON.stringify({ readings: batch }),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        body = await response.text();
        const retryAfter = response.headers.get('retry-after');
        if (status !== 202 && retryAfter === null) withoutRetryAfter++;
        if (retryAfter !== null && /^\d+$/.test(retryAfter))
          retryAfterMs = Math.min(5_000, Number(retryAfter) * 1000);
      } catch {
        status = 0; // no answer: the gateway is down or the connection was cut
        target = (target + 1) % apis.length;
      }
      count(status);
      if (status === 202) {
        const { ids } = JSON.parse(body) as { ids: string[] };
        if (ids.length !== batch.length)
          throw new Error(`202 named ${ids.length} ids for ${batch.length} readings`);
        load.ledger.record(batch.map((r, i): AckedReading => ackedOf(r, ids[i]!)));
        latenciesMs.push(Date.now() - first);
        load.onProgress?.(load.ledger.size);
        return;
      }
      if (status >= 400 && status < 500 && status !== 429)
        throw new Error(`the gateway refused a valid batch: ${status} ${body.slice(0, 500)}`);
      if (load.giveUpAfterMs !== undefined && Date.now() - first > load.giveUpAfterMs) {
        givenUp++;
        return;
      }
      await sleep(retryAfterMs);
    }
  };

  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      for (let b = next++; b < batches.length; b = next++) await send(batches[b]!, b);
    }),
  );
  return {
    sent: readings.length,
    acknowledged: load.ledger.size,
    latenciesMs,
    statuses,
    withoutRetryAfter,
    givenUp,
    seconds: (Date.now() - started) / 1000,
  };
}

const ackedOf = (r: Sent, id: string): AckedReading => ({
  id,
  sensor_id: r.sensor_id,
  timestamp_ms: Date.parse(r.timestamp),
  temperature: r.temperature,
  pressure: r.pressure,
  humidity: r.humidity,
});

/** p-th percentile (0…1) of values, by the nearest-rank rule; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}
