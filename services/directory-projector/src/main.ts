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
import { DirectoryProjectorModule } from './app.module';
import {
  directoryProjectorConfigSchema,
  type DirectoryProjectorConfig,
} from './config/directory-projector.config';
import { directoryMigrateCommand } from './migrate';

/** The service as deployed, not yet listening (tests `init()` it and inject requests). */
export async function createDirectoryProjector(
  config: DirectoryProjectorConfig,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    DirectoryProjectorModule.forRoot(config),
    createFastifyAdapter(),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(directoryProjectorConfigSchema);
  try {
    const app = await createDirectoryProjector(config);
    await app.listen(config.HTTP_PORT, '0.0.0.0');
  } catch (error) {
    // A failed boot (a dependency down, MIGRATIONS=skip with migrations pending): one JSON line
    // naming the reason, then a non-zero exit.
    const message = error instanceof Error ? error.message : String(error);
    createLogger('directory-projector', config.LOG_LEVEL).fatal(
      { err: error },
      `start-up failed: ${message}`,
    );
    process.exit(1);
  }
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module) runService(bootstrap, directoryMigrateCommand);
