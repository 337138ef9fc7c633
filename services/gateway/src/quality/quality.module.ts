import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { CLICKHOUSE } from '../infrastructure';
import { ClickHouseQualityStore } from './quality.clickhouse-store';
import { QualityController } from './quality.controller';
import { QualityService } from './quality.service';
import { QUALITY_STORE } from './quality.store';

/** `/v1/quality/{dataset}`: the data-quality report of a dataset, computed in ClickHouse. */
@Module({
  controllers: [QualityController],
  providers: [
    {
      provide: QUALITY_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseQualityStore(clickhouse),
    },
    QualityService,
  ],
})
export class QualityModule {}
