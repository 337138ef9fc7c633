import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createFastifyAdapter,
  createLogger,
  loadConfigOrExit,
  runService,
} from '@tributary/platform';
import { Logger } from 'nestjs-pino';
import { FileIngestModule } from './app.module';
import { fileIngestConfigSchema, type FileIngestConfig } from './config/file-ingest.config';
import { fileIngestMigrateCommand } from './migrate';

/** The job workers and the inbox and SFTP pollers, with HTTP for ops routes only. */
export async function createFileIngest(config: FileIngestConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    FileIngestModule.forRoot(config),
    createFastifyAdapter(),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(fileIngestConfigSchema);
  try {
    const app = await createFileIngest(config);
    await app.listen(config.HTTP_PORT, '0.0.0.0');
  } catch (error) {
    // A failed boot (a dependency down, MIGRATIONS=skip with migrations pending): one JSON line
    // naming the reason, then a non-zero exit.
    const message = error instanceof Error ? error.message : String(error);
    createLogger('file-ingest', config.LOG_LEVEL).fatal(
      { err: error },
      `start-up failed: ${message}`,
    );
    process.exit(1);
  }
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module) runService(bootstrap, fileIngestMigrateCommand);
