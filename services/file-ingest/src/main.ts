import 'reflect-metadata';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createNestService, serviceMain } from '@tributary/platform';
import { FileIngestModule } from './app.module';
import { fileIngestConfigSchema, type FileIngestConfig } from './config/file-ingest.config';
import { fileIngestMigrateCommand } from './migrate';

/** The job workers and the inbox and SFTP pollers, with HTTP for ops routes only. */
export function createFileIngest(config: FileIngestConfig): Promise<NestFastifyApplication> {
  return createNestService(FileIngestModule.forRoot(config));
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module)
  serviceMain({
    service: 'file-ingest',
    schema: fileIngestConfigSchema,
    create: createFileIngest,
    migrate: fileIngestMigrateCommand,
  });
