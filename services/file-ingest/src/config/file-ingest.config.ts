import {
  env,
  consumerConfigSchema,
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
import { DEFAULT_ZIP_LIMITS } from '../formats/zip-guard';

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
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
  .default('file_ingest');

export const fileIngestConfigSchema = kafkaConfigSchema
  .extend(postgresConfigSchema.shape)
  .extend(landingConfigSchema.shape)
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
      .describe('Port of /health/live, /health/ready (Postgres, the job consumer) and /metrics.'),
    FILE_INGEST_DB_SCHEMA: ledgerSchemaName.describe(
      'Postgres schema of the job ledger and the SFTP memory.',
    ),
    FILE_INGEST_GROUP_ID: env
      .string()
      .describe(
        'Consumer group of the job workers; replicas share it (one job per partition at a time).',
      ),
    PUBLISH_CHUNK_ROWS: env
      .positiveInt()
      // 2 × 2,500 rows in flight: peak RSS 224 MB on a 2M-row file against 257 MB with 4 × 5,000,
      // at the same rows/s (services/file-ingest/README.md, "Memory").
      .default(2_500)
      .describe('Events per publish while a file is read.'),
    PUBLISH_BATCHES: env
      .boolean()
      .default(true)
      .describe(
        "Publish a fact dataset's rows and the rejected rows as batch events (<topic>-batches, one message per partition per chunk); false: one message per row.",
      ),
    PUBLISH_IN_FLIGHT: env
      .positiveInt()
      .default(2)
      .describe('Publishes of one job in flight at once, while the file is read on.'),
    PUBLISH_TIMEOUT_MS: env
      .positiveInt()
      .default(30_000)
      .describe(
        "How long one publish may wait for Kafka's acknowledgement before it is retried, in ms.",
      ),
    JOB_PROGRESS_INTERVAL_MS: env
      .positiveInt()
      .default(1_000)
      .describe('A running job reports its progress at most this often, in ms.'),
    MAX_ROW_CHARS: env
      .positiveInt()
      .default(1_048_576)
      .describe('Longest row accepted, in characters (1 MiB); a longer one fails the file.'),
    XLSX_MAX_ENTRIES: env
      .positiveInt()
      .default(DEFAULT_ZIP_LIMITS.maxEntries)
      .describe(
        'Most entries an XLSX archive may hold (a workbook has a few dozen); more fails the file before it is inflated (zip bombs).',
      ),
    XLSX_MAX_INFLATED_BYTES: env
      .positiveInt()
      .default(DEFAULT_ZIP_LIMITS.maxInflatedBytes)
      .describe(
        'Most bytes an XLSX archive may inflate to (1 GiB), declared or actual: past it the file fails, counted as it streams, before the reader inflates more (zip bombs).',
      ),
    XLSX_MAX_SHARED_STRINGS_BYTES: env
      .positiveInt()
      .default(DEFAULT_ZIP_LIMITS.maxSharedStringsBytes)
      .describe(
        "Most bytes an XLSX's shared strings (xl/sharedStrings.xml) may inflate to (32 MiB): exceljs keeps every shared string in memory, up to ~4 bytes of heap per byte (measured: 64 MiB of distinct short strings took 141 MB of heap, near the image's 160 MB old space), so this bounds a file's memory.",
      ),
    ENERGY_ALERT_THRESHOLD_KWH: kwh
      .optional()
      .describe(
        'Energy usage above this raises an alert when an upload gives no threshold of its own (unset: only uploads with `threshold` alert).',
      ),
    INBOX_DIR: env
      .string()
      .optional()
      .describe(
        'The watched folder (unset: none); files dropped in it are ingested once completely written, then moved to its `.done/` (or `.failed/`) folder.',
      ),
    INBOX_DATASET: env
      .string()
      .default('auto')
      .describe("Dataset of the inbox's files: a dataset name, or `auto` to recognise it."),
    INBOX_POLL_MS: env
      .positiveInt()
      .default(1_000)
      .describe(
        'How often the inbox is listed, in ms; a file is taken once unchanged between two.',
      ),
    SFTP_HOST: env.string().optional().describe('The SFTP server (with SFTP_FOLDERS).'),
    SFTP_PORT: env.port().optional().describe('Its port (with SFTP_FOLDERS).'),
    SFTP_USERNAME: env
      .string()
      .optional()
      .describe('The account files are fetched as (with SFTP_FOLDERS).'),
    SFTP_PRIVATE_KEY_PATH: env
      .string()
      .optional()
      .describe("Its private key's file (with SFTP_FOLDERS); key login only."),
    SFTP_FOLDERS: sftpFolders
      .optional()
      .describe(
        "`remote/folder=dataset[,…]`: the SFTP folders polled and their files' dataset (`auto`: recognised from the columns). Unset: no SFTP polling; set: SFTP_HOST, SFTP_PORT, SFTP_USERNAME and SFTP_PRIVATE_KEY_PATH are required.",
      ),
    SFTP_POLL_MS: env
      .positiveInt()
      .default(5_000)
      .describe('How often the SFTP folders are listed, in ms.'),
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
    if (config.INBOX_DATASET !== 'auto' && !isDataset(config.INBOX_DATASET))
      ctx.addIssue({
        code: 'custom',
        path: ['INBOX_DATASET'],
        message: 'must be a dataset name (e.g. energy.usage) or auto',
      });
  });

export type FileIngestConfig = z.output<typeof fileIngestConfigSchema>;
