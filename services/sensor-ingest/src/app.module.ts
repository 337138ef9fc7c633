import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventCodec } from '@tributary/contracts';
import {
  eventCodecOptions,
  createKafka,
  createLogger,
  EVENT_BUS,
  HealthModule,
  KafkaEventBus,
  loggingModule,
  MetricsModule,
  type ReadinessCheck,
} from '@tributary/platform';
import { type SensorIngestConfig } from './config/sensor-ingest.config';
import { ReadingsController, SERVICE_CREDENTIAL } from './readings/readings.controller';
import { CLOCK, NEW_ID, PUBLISH_BATCHES, ReadingsService } from './readings/readings.service';
import { randomUUID } from 'node:crypto';

const SERVICE = 'sensor-ingest';

/** Connects the producer (and registers the schemas) before traffic; flushes it on shutdown. */
class EventBusLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(EVENT_BUS) private readonly bus: KafkaEventBus) {}
  onModuleInit(): Promise<void> {
    return this.bus.connect();
  }
  onApplicationShutdown(): Promise<void> {
    return this.bus.disconnect();
  }
}

@Module({})
export class SensorIngestModule {
  static forRoot(config: SensorIngestConfig): DynamicModule {
    const logger = createLogger(SERVICE, config.LOG_LEVEL);
    const kafka = createKafka(config, SERVICE, logger);
    return {
      module: SensorIngestModule,
      imports: [
        loggingModule(SERVICE, config.LOG_LEVEL),
        MetricsModule.forRoot(SERVICE),
        HealthModule.forRoot([
          {
            name: 'kafka',
            check: async () => {
              const admin = kafka.admin();
              await admin.connect();
              try {
                await admin.describeCluster();
              } finally {
                await admin.disconnect();
              }
            },
          } satisfies ReadinessCheck,
        ]),
      ],
      controllers: [ReadingsController],
      providers: [
        { provide: SERVICE_CREDENTIAL, useValue: config.SERVICE_CREDENTIAL },
        {
          provide: EVENT_BUS,
          // Every reading reaching this bus was validated by the gateway (the RPC's contract):
          // the codec writes without checking each event first; Avro's writer still refuses a
          // value of the wrong type, and the refusal names the field.
          useFactory: () =>
            new KafkaEventBus(
              kafka,
              new EventCodec({ ...eventCodecOptions(config), checkBeforeEncoding: false }),
              logger,
              {
                sendTimeoutMs: config.PUBLISH_TIMEOUT_MS,
                producers: config.PUBLISH_PRODUCERS,
              },
            ),
        },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: NEW_ID, useValue: randomUUID },
        { provide: PUBLISH_BATCHES, useValue: config.PUBLISH_BATCHES },
        ReadingsService,
        EventBusLifecycle,
      ],
    };
  }
}
