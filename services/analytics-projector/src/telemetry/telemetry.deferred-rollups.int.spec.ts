import { ANALYTICS_MIGRATIONS } from '@tributary/read-models';
import { IDEMPOTENT_PRODUCER, type Topic } from '@tributary/contracts';
import {
  BatchConsumer,
  readClickHouseMigrations,
  runClickHouseMigrations,
} from '@tributary/platform';
import { uniqueName, waitFor } from '@tributary/testing';
import { ClickHouseTelemetryStore } from './telemetry.clickhouse-store';
import { telemetryHandler } from './telemetry.handler';
import { telemetryTestBed } from './telemetry.test-bed';
import { TelemetryWriteBehind } from './telemetry.write-behind';
import {
  DAILY_QUERY,
  HOURLY_QUERY,
  READINGS_QUERY,
  telemetryScenario,
} from './telemetry.test-data';

const MIGRATIONS = readClickHouseMigrations(ANALYTICS_MIGRATIONS.telemetry);

/**
 * Readings and rollups written behind: gathered across chunks, written by periodic flushes, and a
 * chunk's offsets committed only after a flush that wrote its readings and their rollups. If no
 * flush succeeds (the projector dies first), the next consumer replays those chunks and the
 * rollups still come out exact.
 */
describe('telemetry projection with deferred rollups', () => {
  const bed = telemetryTestBed('projector_deferred');
  const { logger, topics, sensor, rows } = bed;
  const groupId = uniqueName('projector');
  const scenario = telemetryScenario(sensor);

  beforeAll(() => runClickHouseMigrations(bed.client, MIGRATIONS, logger));

  function consumer(flushWorks: boolean): BatchConsumer {
    const { kafka, client, codec } = bed;
    const store = new ClickHouseTelemetryStore(client);
    // The doomed projector holds no rows (each chunk is inserted at once) and never flushes.
    const writes = new TelemetryWriteBehind(store, {
      maxRows: flushWorks ? 500 : 1,
      rollupIntervalMs: 300,
    });
    return new BatchConsumer(
      kafka,
      {
        groupId,
        topics: [topics.recorded, topics.corrected],
        handler: telemetryHandler(codec, store, topics, Date.now, writes),
        maxChunk: 500,
        deferred: {
          intervalMs: 100,
          flush: flushWorks
            ? (final) => writes.flush(final)
            : () =>
                Promise.reject(
                  // A failure retrying cannot fix: the consumer must say it is not ready.
                  Object.assign(new Error('ClickHouse refused the rollup statement'), {
                    retriable: false,
                  }),
                ),
        },
      },
      logger,
    );
  }

  async function committed(): Promise<number> {
    const admin = bed.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({
        groupId,
        topics: [topics.recorded, topics.corrected],
      });
      return offsets
        .flatMap((t) => t.partitions)
        .reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('commits only after the rollups covering a chunk are recomputed, and replays otherwise', async () => {
    const { r1, r2, r3, r2corrected } = scenario;
    const { kafka, codec } = bed;
    const encode = (topic: string, event: unknown) => codec.encode(topic as Topic, event as never);
    const producer = kafka.producer(IDEMPOTENT_PRODUCER);
    await producer.connect();
    for (const [topic, event] of [
      [topics.recorded, r1],
      [topics.recorded, r2],
      [topics.recorded, r1],
      [topics.recorded, r3],
      [topics.corrected, r2corrected],
    ] as const) {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: sensor, value: encode(topic, event) }],
      });
    }
    await producer.disconnect();

    // The first projector writes the readings but never manages a flush.
    const doomed = consumer(false);
    await doomed.start();
    try {
      await waitFor('the readings, corrected, from the first projector', async () => {
        const [row] = await rows<{ n: number; corrected: number }>(
          'SELECT count() AS n, countIf(version = 2) AS corrected FROM telemetry_readings FINAL',
        );
        return row?.n === 3 && row.corrected === 1 ? true : undefined;
      });
      await waitFor('the first projector to report not ready', async () =>
        doomed.running ? undefined : true,
      );
    } finally {
      await doomed.stop();
    }
    expect(await rows(HOURLY_QUERY)).toEqual([]);
    expect(await committed()).toBe(0);

    // The next one replays everything, flushes, and commits all five messages.
    const healthy = consumer(true);
    await healthy.start();
    try {
      await waitFor('the rollups and the commit', async () =>
        (await committed()) === 5 ? true : undefined,
      );
    } finally {
      await healthy.stop();
    }
    expect(await rows(READINGS_QUERY)).toEqual(scenario.expectedReadings);
    expect(await rows(HOURLY_QUERY)).toEqual(scenario.expectedHourly);
    expect(await rows(DAILY_QUERY)).toEqual(scenario.expectedDaily);
  });
});
