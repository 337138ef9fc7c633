import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseReadingsStore } from './readings.clickhouse-store';
import {
  AGGREGATE_CASES,
  EXPECTED,
  LIST_CASES,
  MINUTE_ROWS,
  READING_ROWS,
} from './readings.test-data';

/**
 * The read-side scenario, run by the 18.16 integration test and the chDB conformance test alike:
 * both engines must give these exact answers to the SQL the gateway sends.
 */
export function describeReadingsStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let store: ClickHouseReadingsStore;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      const { client } = connection;
      await client.insert({
        table: 'telemetry_readings',
        values: READING_ROWS,
        format: 'JSONEachRow',
      });
      await client.insert({
        table: 'telemetry_minutes',
        values: MINUTE_ROWS,
        format: 'JSONEachRow',
      });
      store = new ClickHouseReadingsStore(client);
    });

    afterAll(() => close());

    it.each(LIST_CASES)('lists $name', async ({ filter, ids }) => {
      const rows = await store.list(filter, undefined, 100);
      expect(rows.map((r) => r.id)).toEqual(ids);
    });

    it('returns each reading at its latest version, with its metrics', async () => {
      expect(await store.list({}, undefined, 100)).toEqual([
        EXPECTED.r1,
        EXPECTED.r3,
        EXPECTED.r2,
        EXPECTED.r4,
        EXPECTED.r5,
      ]);
      expect(await store.get('r2')).toEqual(EXPECTED.r2);
      expect(await store.get('nope')).toBeUndefined();
    });

    it('pages on (time, sensor, id) without skipping or repeating', async () => {
      const first = await store.list({}, undefined, 2);
      expect(first.map((r) => r.id)).toEqual(['r1', 'r3']);
      const last = first.at(-1)!;
      const second = await store.list(
        {},
        { timestampMs: last.timestampMs, sensorId: last.sensorId, id: last.id },
        2,
      );
      expect(second.map((r) => r.id)).toEqual(['r2', 'r4']);
    });

    it.each(AGGREGATE_CASES)('aggregates $name', async ({ filter, expected }) => {
      expect(await store.aggregates(filter, undefined, 100)).toEqual(expected);
    });

    it('pages aggregates on (sensor, bucket)', async () => {
      const [first] = await store.aggregates({ interval: 'hour' }, undefined, 1);
      const rest = await store.aggregates({ interval: 'hour' }, first, 10);
      expect(rest.map((a) => [a.sensorId, new Date(a.bucketStartMs).toISOString()])).toEqual([
        ['sensor-a', '2026-11-21T08:00:00.000Z'],
        ['sensor-b', '2026-11-20T10:00:00.000Z'],
      ]);
      const [day] = await store.aggregates({ interval: 'day' }, undefined, 1);
      const days = await store.aggregates({ interval: 'day' }, day, 10);
      expect(days.map((a) => [a.sensorId, new Date(a.bucketStartMs).toISOString()])).toEqual([
        ['sensor-a', '2026-11-21T00:00:00.000Z'],
        ['sensor-b', '2026-11-20T00:00:00.000Z'],
      ]);
    });
  });
}
