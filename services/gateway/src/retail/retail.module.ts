import { Module } from '@nestjs/common';

/** `/v1/retail/*`: products and categories, sales and their daily and per-category rollups. */
@Module({
  controllers: [],
  providers: [],
})
export class RetailModule {}
