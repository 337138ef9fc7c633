import { BATCHED_TOPICS, batchTopicOf, type Topic, type TopicEvents } from '@tributary/contracts';
import { BANKING_CLIENTS } from '../banking/banking.dimensions';
import {
  DIMENSION_TOPICS,
  dimensionRow,
  type DimensionRow,
  type DimensionTopic,
} from '../dimensions/dimension';
import { EV_CHARGERS, EV_USERS } from '../ev/ev.dimensions';
import { RETAIL_PRODUCTS } from '../retail/retail.dimensions';

/** Every topic the directory consumes, in one consumer group. */
export const DIRECTORY_TOPICS = ['ingest.jobs', 'ingest.rejections', ...DIMENSION_TOPICS] as const;
export type DirectoryTopic = (typeof DIRECTORY_TOPICS)[number];

/**
 * The batch twins of its topics that have one (contracts' batches.ts: rejected rows), each batch
 * decoded once into the events of the topic it twins.
 */
export type DirectoryBatchTopic = Extract<Topic, `${DirectoryTopic}-batches`>;
export const DIRECTORY_BATCH_TOPICS = DIRECTORY_TOPICS.filter((topic) =>
  BATCHED_TOPICS.includes(topic),
).map(batchTopicOf) as DirectoryBatchTopic[];

/** Every topic its consumer subscribes to. */
export const CONSUMED_DIRECTORY_TOPICS: readonly (DirectoryTopic | DirectoryBatchTopic)[] = [
  ...DIRECTORY_TOPICS,
  ...DIRECTORY_BATCH_TOPICS,
];

/** The name each catalog topic is consumed under (the benchmark consumes renamed copies). */
export type DirectoryTopicNames = Readonly<Record<DirectoryTopic | DirectoryBatchTopic, string>>;

export const CATALOG_TOPIC_NAMES = Object.fromEntries(
  CONSUMED_DIRECTORY_TOPICS.map((topic) => [topic, topic]),
) as DirectoryTopicNames;

/** A decoded event with its catalog topic. */
export type DirectoryEvent = {
  [T in DirectoryTopic]: { readonly topic: T; readonly event: TopicEvents[T] };
}[DirectoryTopic];

/** The four dimension tables by topic. */
export const DIMENSIONS = {
  'ev.users': EV_USERS,
  'ev.chargers': EV_CHARGERS,
  'banking.clients': BANKING_CLIENTS,
  'retail.products': RETAIL_PRODUCTS,
} as const satisfies Record<DimensionTopic, { readonly topic: DimensionTopic }>;

const ROW_OF: { readonly [T in DimensionTopic]: (event: TopicEvents[T]) => DimensionRow } = {
  'ev.users': (event) => dimensionRow(EV_USERS, event),
  'ev.chargers': (event) => dimensionRow(EV_CHARGERS, event),
  'banking.clients': (event) => dimensionRow(BANKING_CLIENTS, event),
  'retail.products': (event) => dimensionRow(RETAIL_PRODUCTS, event),
};

export function dimensionRowOf<T extends DimensionTopic>(
  topic: T,
  event: TopicEvents[T],
): DimensionRow {
  return ROW_OF[topic](event);
}
