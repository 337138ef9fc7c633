import { DATASET_DECLARATIONS, DATASETS } from '@tributary/contracts';
import { ch } from '@tributary/platform';
import { clickHouseTestDatabase } from '@tributary/platform/src/clickhouse/clickhouse.test-bed';
import { ANALYTICS_MIGRATIONS } from './index';
import { datasetTableColumns } from './dataset-tables';

/**
 * Each dataset's table as its migration creates it on the stack's ClickHouse (18.16), column by
 * column, against what the dataset's declaration implies.
 */
describe('the dataset tables the migrations create', () => {
  const bed = clickHouseTestDatabase('read_models', [ANALYTICS_MIGRATIONS.datasets]);

  it.each(DATASETS.filter((name) => name !== 'telemetry.readings'))(
    '%s: the columns its declaration implies, in order, named and typed alike',
    async (name) => {
      const declaration = DATASET_DECLARATIONS[name];
      const result = await bed.client.query({
        // In the table's order: 18.16's system.columns has no position column to sort by.
        query: ch.sql`SELECT name, type FROM system.columns
          WHERE database = ${ch.str(bed.database)} AND table = ${ch.str(declaration.table)}`.text,
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual(datasetTableColumns(declaration));
    },
  );
});
