import { type DataSource } from 'typeorm';
import { BankingClientEntity } from '../banking/banking.dimensions';
import { type DimensionTopic } from '../dimensions/dimension';
import { upsertDimension } from '../dimensions/dimensions.postgres';
import { EvChargerEntity, EvUserEntity } from '../ev/ev.dimensions';
import { IngestJobEntity, IngestRejectionEntity } from '../jobs/jobs.entities';
import { insertRejections, upsertJobs, type RunQuery } from '../jobs/jobs.postgres';
import { classifyPostgresError } from '../postgres/postgres-errors';
import { RetailProductEntity } from '../retail/retail.dimensions';
import { type DirectoryStore, type DirectoryWrite } from './directory.store';
import { DIMENSIONS } from './directory.topics';

const DIMENSION_ENTITIES = {
  'ev.users': EvUserEntity,
  'ev.chargers': EvChargerEntity,
  'banking.clients': BankingClientEntity,
  'retail.products': RetailProductEntity,
} as const satisfies Record<DimensionTopic, unknown>;

/**
 * The DirectoryStore on Postgres: a chunk in one transaction, one statement per table
 * (`INSERT … SELECT * FROM unnest($1::type[], …) ON CONFLICT …`), so thousands of rows cost a
 * few round trips and one commit. Table names come from the TypeORM entities, qualified with the
 * DataSource's schema. Driver errors leave as DirectoryWriteError, retriable or not.
 */
export class PostgresDirectoryStore implements DirectoryStore {
  private readonly tables: {
    jobs: string;
    rejections: string;
    dimensions: Record<DimensionTopic, string>;
  };

  constructor(private readonly db: DataSource) {
    const path = (entity: Parameters<DataSource['getMetadata']>[0]) =>
      db.getMetadata(entity).tablePath;
    this.tables = {
      jobs: path(IngestJobEntity),
      rejections: path(IngestRejectionEntity),
      dimensions: {
        'ev.users': path(DIMENSION_ENTITIES['ev.users']),
        'ev.chargers': path(DIMENSION_ENTITIES['ev.chargers']),
        'banking.clients': path(DIMENSION_ENTITIES['banking.clients']),
        'retail.products': path(DIMENSION_ENTITIES['retail.products']),
      },
    };
  }

  async write(batch: DirectoryWrite): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const run: RunQuery = (sql, parameters) => tx.query(sql, parameters);
        await upsertJobs(run, this.tables.jobs, batch.jobs);
        await insertRejections(run, this.tables.rejections, batch.rejections);
        for (const [topic, rows] of batch.dimensions)
          await upsertDimension(run, this.tables.dimensions[topic], DIMENSIONS[topic], rows);
      });
    } catch (error) {
      throw classifyPostgresError(error, 'writing to the directory');
    }
  }
}
