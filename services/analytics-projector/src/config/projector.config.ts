import {
  clickHouseConfigSchema,
  consumerConfigSchema,
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  loggingConfigSchema,
  migrationsConfigSchema,
} from '@tributary/platform';
import { z } from 'zod';

const milliseconds = () =>
  z.string().trim().regex(/^\d+$/, 'must be a whole number of milliseconds').transform(Number);

export const projectorConfigSchema = kafkaConfigSchema
  .extend(clickHouseConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend(consumerConfigSchema.shape)
  .extend({
    HTTP_HOST: env
      .host()
      .default('127.0.0.1')
      .describe(
        'Address HTTP_PORT binds: loopback by default, so in a local run only this machine reaches the ops routes; `0.0.0.0` in a cluster (probes, Prometheus).',
      ),
    HTTP_PORT: env
      .port()
      .describe(
        'Port of /health/live, /health/ready (ClickHouse answers, consumers running) and /metrics (with tributary_consumer_lag).',
      ),
    PROJECTOR_GROUP_ID: env
      .string()
      .describe(
        'Consumer group of the telemetry projection; replicas share it and split the partitions. The dataset projection (EV, banking, energy, retail, rejections) uses `<this>-datasets`.',
      ),
    PROJECTOR_MAX_CHUNK: env
      .positiveInt()
      .default(50_000)
      .describe(
        'Messages per handler call (a fetch brings at most 4 MiB per partition, so a chunk is in practice one fetched batch), and rows held before an early insert; both projections. Inserts of 50k rows or more cost ClickHouse about a quarter of what 3k-row inserts cost per row.',
      ),
    PROJECTOR_FLUSH_INTERVAL_MS: milliseconds()
      .default(1_000)
      .describe(
        'Readings are held and inserted together every this many ms: a few large inserts instead of one per chunk, so fewer parts for ClickHouse to merge. 0 inserts and recomputes rollups per chunk. Offsets are committed once readings and rollups are written, so this is also how long a row may wait to be queryable. The dataset projection holds and inserts its rows the same way.',
      ),
    PROJECTOR_ROLLUP_INTERVAL_MS: milliseconds()
      .default(1_000)
      .describe(
        'The rollup minutes new readings touched are written (computed from the readings in memory, or recomputed from the table) at most this often, in ms: hourly and daily figures lag the readings by at most this.',
      ),
    PROJECTOR_FAULT_COMMIT_HOLD_MS: milliseconds()
      .default(0)
      .describe(
        'Fault injection, for the system tests only (keep 0 in production): the telemetry projection waits this long between a flush that wrote to ClickHouse and the commit of its offsets, logging `flush written; commit held` and `flush committed`, so a SIGKILL can be aimed at that window.',
      ),
  })
  .superRefine(refineKafkaConfig);

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;
