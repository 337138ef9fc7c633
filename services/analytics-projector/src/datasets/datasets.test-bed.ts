import { projectionTestBed, type ProjectionTestBed } from '../projection.test-bed';
import { CONSUMED_DATASET_TOPICS } from './dataset-projections';
import { type DatasetTopicNames } from './datasets.handler';

export interface DatasetsTestBed extends ProjectionTestBed {
  /** Each catalog topic's renamed copy for this bed. */
  readonly topics: DatasetTopicNames;
}

/**
 * What a dataset integration test runs against: a projection test bed over the dataset topics
 * and their batch twins.
 * Call inside `describe`; fields fill in `beforeAll`.
 */
export function datasetsTestBed(name: string): DatasetsTestBed {
  const bed = projectionTestBed(name, CONSUMED_DATASET_TOPICS);
  return Object.assign(bed, {
    topics: Object.fromEntries(
      CONSUMED_DATASET_TOPICS.map((topic) => [topic, bed.renamed(topic)]),
    ) as DatasetTopicNames,
  });
}
