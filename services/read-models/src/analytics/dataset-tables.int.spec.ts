import { DATASET_DECLARATIONS, DATASETS } from '@tributary/contracts';
import {
  ch,
  clickHouseConfigSchema,
  createClickHouseDatabase,
  createLogger,
  dropClickHouseDatabase,
} from '@tributary/platform';
import { stackConfig, uniqueName } from '@tributary/testing';
import { type ClickHouseClient } from '@clickhouse/client';
import { ANALYTICS_MIGRATIONS } from './index';
import { datasetTableColumns } from './dataset-tables';

const config = stackConfig(clickHouseConfigSchema);
const logger = createLogger('read-models-test', 'warn');

/**
 * Each dataset's table as its migration creates it on the stack's ClickHouse (18.16), column by
 * column, against what the dataset's declaration implies.
 */
describe('the dataset tables the migrations create', () => {
  const database = uniqueName('read_models');
  let client: ClickHouseClient;

  beforeAll(async () => {
    client = await createClickHouseDatabase(config, logger, database, [
      ANALYTICS_MIGRATIONS.datasets,
    ]);
  });

  afterAll(async () => {
    await dropClickHouseDatabase(config, logger, database);
    await client.close();
  });

  it.each(DATASETS.filter((name) => name !== 'telemetry.readings'))(
    '%s: the columns its declaration implies, in order, named and typed alike',
    async (name) => {
      const declaration = DATASET_DECLARATIONS[name];
      const result = await client.query({
        // In the table's order: 18.16's system.columns has no position column to sort by.
        query: ch.sql`SELECT name, type FROM system.columns
          WHERE database = ${ch.str(database)} AND table = ${ch.str(declaration.table)}`.text,
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual(datasetTableColumns(declaration));
    },
  );
});
