import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { CLICKHOUSE } from '../infrastructure';
import { ClickHouseAlertsStore } from './alerts.clickhouse-store';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { ALERTS_STORE } from './alerts.store';

/** `/v1/energy/*`: threshold alerts (and daily or monthly usage), read from ClickHouse. */
@Module({
  controllers: [AlertsController],
  providers: [
    {
      provide: ALERTS_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseAlertsStore(clickhouse),
    },
    AlertsService,
  ],
})
export class EnergyModule {}
