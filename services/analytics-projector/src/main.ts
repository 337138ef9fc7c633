import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, createFastifyAdapter } from '@tributary/platform';
import { Logger } from 'nestjs-pino';
import { AnalyticsProjectorModule } from './app.module';
import { projectorConfigSchema } from './config/projector.config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(projectorConfigSchema);
  } catch (error) {
    // No logger exists yet: the one line an operator needs goes to stderr, and the process fails.
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AnalyticsProjectorModule.forRoot(config),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.HTTP_PORT, '0.0.0.0');
}

void bootstrap();
