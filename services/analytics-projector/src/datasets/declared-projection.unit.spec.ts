import { DATASET_DECLARATIONS, DATASETS, VALID_EVENTS } from '@tributary/contracts';
import { datasetTableColumns } from '@tributary/read-models';
import { DATASET_PROJECTIONS, type DatasetTopic } from './dataset-projections';

describe('the declared projections', () => {
  // The read models' column list is held to the migrations on ClickHouse itself
  // (read-models' dataset-tables.int.spec.ts): a row with these keys fits its table.
  it.each(
    DATASETS.filter((name): name is DatasetTopic & typeof name => name !== 'telemetry.readings'),
  )('%s: a row has exactly the columns of its table, in order', (name) => {
    const row = (DATASET_PROJECTIONS[name].row as (event: unknown) => object)(VALID_EVENTS[name]);
    expect(Object.keys(row)).toEqual(
      datasetTableColumns(DATASET_DECLARATIONS[name]).map((column) => column.name),
    );
  });
});
