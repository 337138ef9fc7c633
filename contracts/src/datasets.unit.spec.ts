import { TOPICS } from './catalog';
import { DATASETS, isDataset } from './datasets';

describe('DATASETS', () => {
  it('names a catalog topic for every dataset', () => {
    const topics = new Set(TOPICS.map((t) => t.topic));
    expect(DATASETS.filter((d) => !topics.has(d))).toEqual([]);
  });

  it('tells a dataset from anything else', () => {
    expect([isDataset('retail.sales'), isDataset('retail'), isDataset('auto')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
