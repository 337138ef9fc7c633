import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { CLICKHOUSE } from '../infrastructure';
import { ClickHouseAlertsStore } from './alerts.clickhouse-store';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { ALERTS_STORE } from './alerts.store';
import { ClickHouseUsageStore } from './usage.clickhouse-store';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';
import { USAGE_STORE } from './usage.store';

/** `/v1/energy/*`: threshold alerts (and daily or monthly usage), read from ClickHouse. */
@Module({
  controllers: [UsageController, AlertsController],
  providers: [
    {
      provide: ALERTS_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseAlertsStore(clickhouse),
    },
    AlertsService,
    {
      provide: USAGE_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseUsageStore(clickhouse),
    },
    UsageService,
  ],
})
export class EnergyModule {}
