/**
 * The nine datasets Tributary ingests (design.md, "Datasets"). Each name is also the topic its
 * rows are published on; the gateway, file-ingest and the quality report all take this list.
 */
export const DATASETS = [
  'ev.users',
  'ev.chargers',
  'ev.transactions',
  'banking.clients',
  'banking.transactions',
  'telemetry.readings',
  'energy.usage',
  'retail.products',
  'retail.sales',
] as const;

export type DatasetName = (typeof DATASETS)[number];

export const isDataset = (name: string): name is DatasetName =>
  (DATASETS as readonly string[]).includes(name);
