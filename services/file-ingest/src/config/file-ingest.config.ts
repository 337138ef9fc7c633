import {
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  landingConfigSchema,
  loggingConfigSchema,
  migrationsConfigSchema,
  postgresConfigSchema,
  refineLandingConfig,
} from '@tributary/platform';
import { z } from 'zod';
import { isDataset } from '../datasets/datasets';

const kwh = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number of kWh')
  .transform(Number);

/**
 * `remote/folder=dataset[,remote/folder=dataset…]`: which SFTP folders to poll and what their
 * files are (`auto` to recognise each file's dataset from its columns).
 */
const sftpFolders = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const folders = value.split(',').map((entry) => {
      const [path = '', dataset = ''] = entry.split('=').map((part) => part.trim());
      if (!path || !(dataset === 'auto' || isDataset(dataset)))
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" must be remote/folder=<dataset or auto>`,
        });
      return { path, dataset };
    });
    return folders;
  });

/** The Postgres schema of the job ledger (FILE_INGEST_DB_SCHEMA); `node . migrate` reads it too. */
export const ledgerSchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier');

export const fileIngestConfigSchema = kafkaConfigSchema
  .extend(postgresConfigSchema.shape)
  .extend(landingConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend({
    /** Port of /health/live, /health/ready and /metrics. */
    HTTP_PORT: env.port(),
    /** Postgres schema of the job ledger and the SFTP memory (default file_ingest). */
    FILE_INGEST_DB_SCHEMA: ledgerSchemaName.optional(),
    /** Consumer group of the job workers; replicas share it (one job per partition at a time). */
    FILE_INGEST_GROUP_ID: env.string(),
    /** Events per publish while a file is read (default 5000). */
    PUBLISH_CHUNK_ROWS: env.positiveInt().optional(),
    /** Publishes of one job in flight at once, while the file is read on (default 4). */
    PUBLISH_IN_FLIGHT: env.positiveInt().optional(),
    /** How long one publish may wait for Kafka's acknowledgement before it is retried (default 30000). */
    PUBLISH_TIMEOUT_MS: env.positiveInt().optional(),
    /** A running job reports its progress at most this often (default 1000 ms). */
    JOB_PROGRESS_INTERVAL_MS: env.positiveInt().optional(),
    /** Longest row accepted, in characters; a longer one fails the file (default 1 MiB). */
    MAX_ROW_CHARS: env.positiveInt().optional(),
    /** Energy usage above this raises an alert when an upload gives no threshold of its own. */
    ENERGY_ALERT_THRESHOLD_KWH: kwh.optional(),
    /** The watched folder; files dropped in it are ingested, then moved to its `.done/` folder. */
    INBOX_DIR: env.string().optional(),
    /** Dataset of the inbox's files: a dataset name, or `auto` (default) to recognise it. */
    INBOX_DATASET: env.string().optional(),
    INBOX_POLL_MS: env.positiveInt().optional(),
    SFTP_HOST: env.string().optional(),
    SFTP_PORT: env.port().optional(),
    SFTP_USERNAME: env.string().optional(),
    SFTP_PRIVATE_KEY_PATH: env.string().optional(),
    SFTP_FOLDERS: sftpFolders.optional(),
    SFTP_POLL_MS: env.positiveInt().optional(),
  })
  .superRefine((config, ctx) => {
    refineKafkaConfig(config, ctx);
    refineLandingConfig(config, ctx);
    // SFTP_FOLDERS turns polling on; the connection variables are then required.
    if (config.SFTP_FOLDERS !== undefined) {
      for (const name of [
        'SFTP_HOST',
        'SFTP_PORT',
        'SFTP_USERNAME',
        'SFTP_PRIVATE_KEY_PATH',
      ] as const)
        if (config[name] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when SFTP_FOLDERS is set',
          });
    }
    if (
      config.INBOX_DATASET !== undefined &&
      config.INBOX_DATASET !== 'auto' &&
      !isDataset(config.INBOX_DATASET)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['INBOX_DATASET'],
        message: 'must be a dataset name (e.g. energy.usage) or auto',
      });
  });

export type FileIngestConfig = z.output<typeof fileIngestConfigSchema>;
