import { type ConnectStore } from '../testing/clickhouse-store.test-bed';
import { ClickHouseQualityStore } from './quality.clickhouse-store';
import { QualityService } from './quality.service';
import {
  EXPECTED_CHARGERS,
  EXPECTED_EMPTY_SALES,
  EXPECTED_MY_TRANSACTIONS,
  EXPECTED_READINGS,
  EXPECTED_TRANSACTIONS,
  EXPECTED_USERS,
  TABLE_ROWS,
} from './quality.test-data';

/**
 * The report over hand-made tables, run by the 18.16 integration test and the chDB conformance
 * test alike: both engines must give exactly these reports to the SQL the gateway sends.
 */
export function describeQualityStore(name: string, connect: ConnectStore): void {
  describe(name, () => {
    let quality: QualityService;
    let close: () => Promise<void> = () => Promise.resolve();

    beforeAll(async () => {
      const connection = await connect();
      close = connection.close;
      for (const [table, values] of Object.entries(TABLE_ROWS))
        await connection.client.insert({ table, values, format: 'JSONEachRow' });
      quality = new QualityService(new ClickHouseQualityStore(connection.client));
    });

    afterAll(() => close());

    it('profiles a dimension at its latest versions: nulls, empty strings, distinct values', async () => {
      expect(await quality.report('ev.users', {})).toEqual(EXPECTED_USERS);
    });

    it('checks bounds, and ranks two values', async () => {
      expect(await quality.report('ev.chargers', {})).toEqual(EXPECTED_CHARGERS);
    });

    it('finds duplicate keys, broken rules, orphans, outliers and rejections by reason', async () => {
      expect(await quality.report('ev.transactions', {})).toEqual(EXPECTED_TRANSACTIONS);
    });

    it('narrows everything to the ids with a prefix', async () => {
      expect(await quality.report('ev.transactions', { id_prefix: 'my-' })).toEqual(
        EXPECTED_MY_TRANSACTIONS,
      );
    });

    it('reads readings at their latest version, keyed by sensor and instant', async () => {
      expect(await quality.report('telemetry.readings', {})).toEqual(EXPECTED_READINGS);
    });

    it('reports a dataset without rows', async () => {
      expect(await quality.report('retail.sales', {})).toEqual(EXPECTED_EMPTY_SALES);
      for (const dataset of [
        'banking.clients',
        'banking.transactions',
        'energy.usage',
        'retail.products',
      ])
        expect((await quality.report(dataset, {})).rows).toBe(0);
    });
  });
}
