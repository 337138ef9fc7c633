import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFastifyAdapter, loadConfigOrExit, runService } from '@tributary/platform';
import { Logger } from 'nestjs-pino';
import { AnalyticsProjectorModule } from './app.module';
import { projectorConfigSchema } from './config/projector.config';
import { projectorMigrateCommand } from './migrate';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(projectorConfigSchema);
  const app = await NestFactory.create<NestFastifyApplication>(
    AnalyticsProjectorModule.forRoot(config),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.HTTP_PORT, '0.0.0.0');
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module) runService(bootstrap, projectorMigrateCommand);
