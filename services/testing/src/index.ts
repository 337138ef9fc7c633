import { randomBytes } from 'node:crypto';
import { type z } from 'zod';

export { loadStackEnv } from './stack-env';

/**
 * The config an integration test needs, from the environment `npm test` sets up. A missing
 * variable means the stack is not up, and the error says how to fix that.
 */
export function stackConfig<S extends z.ZodType>(schema: S): z.output<S> {
  const result = schema.safeParse(process.env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(
    `Integration tests need the local stack's endpoints:\n${problems.join('\n')}\n` +
      'Run `npm test`, or `npm run stack:up` and then jest (endpoints are read from .tributary/stack.env).',
  );
}

/** A name no other test (or earlier run) uses: safe for topics, tables, schemas and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export { waitFor } from './wait-for';
export { newJwtPrivateKey } from './jwt-test-key';
export { exactSummary, type ExactSummary } from './exact-summary';
export {
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresDatabaseUrl,
} from './postgres-database';
export {
  freePort,
  serviceSpec,
  startProcess,
  startService,
  type ProcessSpec,
  type ServiceProcess,
} from './service-process';
export { readFrom, skipToEnd, topicEnd, type TopicPosition } from './topic-reader';

export { chdbClient, type ChdbClient } from './chdb-client';
export {
  COLUMNS,
  generateDatasets,
  SMALL,
  toCsv,
  toNdjson,
  type Anomaly,
  type AnomalyKind,
  type Dataset,
  type GenerateOptions,
  type Row,
  type Scale,
} from './datasets/generate';
export { Random } from './datasets/random';
export { FIXTURE_FILES, FIXTURE_SEED, FIXTURES_DIR, fileRowNumber } from './datasets/fixtures';
export { toXlsx } from './datasets/xlsx';
export {
  entityExpansionXlsx,
  externalEntityXlsx,
  manyEntriesXlsx,
  sheetXml,
  text,
  workbookParts,
  xlsxOf,
  zipArchive,
  zipBombXlsx,
  type ZipPart,
} from './hostile-files';
