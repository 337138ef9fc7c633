import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFastifyAdapter, loadConfigOrExit } from '@tributary/platform';
import { Logger } from 'nestjs-pino';
import { SensorIngestModule } from './app.module';
import { sensorIngestConfigSchema, type SensorIngestConfig } from './config/sensor-ingest.config';

/** One process, two doors: the TCP microservice the gateway calls, and HTTP for ops routes. */
export async function createSensorIngest(
  config: SensorIngestConfig,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    SensorIngestModule.forRoot(config),
    createFastifyAdapter(),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.TCP,
    options: { host: '0.0.0.0', port: config.RPC_PORT },
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(sensorIngestConfigSchema);
  const app = await createSensorIngest(config);
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, '0.0.0.0');
}

if (require.main === module) void bootstrap();
