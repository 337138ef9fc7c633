import { type ClickHouseClient } from '@clickhouse/client';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { type GatewayConfig } from '../config/gateway.config';
import { CLICKHOUSE } from '../infrastructure';
import { ClickHouseReadingsStore } from './readings.clickhouse-store';
import { ReadingsController } from './readings.controller';
import { ReadingsService } from './readings.service';
import { READINGS_STORE } from './readings.store';
import { SENSOR_INGEST } from './sensor-ingest.port';
import { RpcSensorIngest } from './sensor-ingest.rpc-client';

const SENSOR_INGEST_CLIENT = Symbol('SENSOR_INGEST_CLIENT');

@Injectable()
class SensorIngestClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SENSOR_INGEST_CLIENT) private readonly client: ClientProxy) {}

  onApplicationShutdown(): void {
    this.client.close();
  }
}

/**
 * `/v1/sensors/*`: readings recorded through sensor-ingest (Nest TCP, whose answer comes once
 * Kafka acknowledged), read back from ClickHouse, with hourly and daily aggregates.
 */
@Module({})
export class SensorsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const [host, port] = config.SENSOR_INGEST_ADDRESS[0]!.split(':') as [string, string];
    return {
      module: SensorsModule,
      controllers: [ReadingsController],
      providers: [
        {
          provide: SENSOR_INGEST_CLIENT,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.TCP,
              options: { host, port: Number(port) },
            }),
        },
        {
          provide: SENSOR_INGEST,
          inject: [SENSOR_INGEST_CLIENT],
          useFactory: (client: ClientProxy) =>
            new RpcSensorIngest(client, config.RPC_TIMEOUT_MS, config.SERVICE_CREDENTIAL),
        },
        {
          provide: READINGS_STORE,
          inject: [CLICKHOUSE],
          useFactory: (clickhouse: ClickHouseClient) => new ClickHouseReadingsStore(clickhouse),
        },
        ReadingsService,
        SensorIngestClientLifecycle,
      ],
    };
  }
}
