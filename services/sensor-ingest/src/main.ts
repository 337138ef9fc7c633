import 'reflect-metadata';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createNestService, serviceMain } from '@tributary/platform';
import { SensorIngestModule } from './app.module';
import { sensorIngestConfigSchema, type SensorIngestConfig } from './config/sensor-ingest.config';

/** One process, two doors: the TCP microservice the gateway calls, and HTTP for ops routes. */
export async function createSensorIngest(
  config: SensorIngestConfig,
): Promise<NestFastifyApplication> {
  const app = await createNestService(SensorIngestModule.forRoot(config));
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.TCP,
    options: { host: config.RPC_HOST, port: config.RPC_PORT },
  });
  return app;
}

if (require.main === module)
  serviceMain({
    service: 'sensor-ingest',
    schema: sensorIngestConfigSchema,
    create: createSensorIngest,
    beforeListen: (app) => app.startAllMicroservices().then(() => undefined),
  });
