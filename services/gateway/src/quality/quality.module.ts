import { Module } from '@nestjs/common';

/** `/v1/quality/{dataset}`: the data-quality report of a dataset, computed in ClickHouse. */
@Module({
  controllers: [],
  providers: [],
})
export class QualityModule {}
