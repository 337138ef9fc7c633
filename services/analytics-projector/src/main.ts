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
import { AnalyticsProjectorModule } from './app.module';
import { projectorConfigSchema } from './config/projector.config';
import { projectorMigrateCommand } from './migrate';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(projectorConfigSchema);
  try {
    const app = await NestFactory.create<NestFastifyApplication>(
      AnalyticsProjectorModule.forRoot(config),
      createFastifyAdapter(),
      // abortOnError: false — a failed start-up rejects (and is logged below) instead of aborting.
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await app.listen(config.HTTP_PORT, '0.0.0.0');
  } catch (error) {
    // A failed boot (a dependency down, MIGRATIONS=skip with migrations pending): one JSON line
    // naming the reason, then a non-zero exit.
    const message = error instanceof Error ? error.message : String(error);
    createLogger('analytics-projector', config.LOG_LEVEL).fatal(
      { err: error },
      `start-up failed: ${message}`,
    );
    process.exit(1);
  }
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module) runService(bootstrap, projectorMigrateCommand);
