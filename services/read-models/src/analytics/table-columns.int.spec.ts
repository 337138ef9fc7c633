import { ch } from '@tributary/platform';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { ANALYTICS_MIGRATIONS } from './index';
import { ANALYTICS_TABLE_COLUMNS, TELEMETRY_MINUTES_COLUMNS } from './table-columns';

/**
 * Every analytics table the projectors insert into, as the migrations create it on the stack's
 * ClickHouse (18.16), against the column list a binary insert writes it by: a column renamed,
 * retyped or moved in one and not the other fails here, not as a garbled insert.
 */
describe('the analytics tables’ column lists', () => {
  const bed = clickHouseTestDatabase('read_models_columns', [
    ANALYTICS_MIGRATIONS.telemetry,
    ANALYTICS_MIGRATIONS.datasets,
  ]);

  const lists: Record<string, unknown> = {
    ...ANALYTICS_TABLE_COLUMNS,
    telemetry_minutes: TELEMETRY_MINUTES_COLUMNS,
  };

  it.each(Object.keys(lists))('%s: its columns, in order, named and typed alike', async (table) => {
    const result = await bed.client.query({
      // In the table's order: 18.16's system.columns has no position column to sort by.
      query: ch.sql`SELECT name, type FROM system.columns
          WHERE database = ${ch.str(bed.database)} AND table = ${ch.str(table)}`.text,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual(lists[table]);
  });
});
