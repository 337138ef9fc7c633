import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { CLICKHOUSE, POSTGRES } from '../infrastructure';
import { PostgresProductsStore } from './products.postgres-store';
import { ProductsController } from './products.controller';
import { PRODUCTS_STORE } from './products.store';
import { ClickHouseSalesStore } from './sales.clickhouse-store';
import { SalesController } from './sales.controller';
import { SALES_STORE } from './sales.store';
import { RetailService } from './retail.service';

/** `/v1/retail/*`: products and categories, sales and their daily and per-category rollups. */
@Module({
  controllers: [ProductsController, SalesController],
  providers: [
    {
      provide: PRODUCTS_STORE,
      inject: [POSTGRES],
      useFactory: (db: DataSource) => new PostgresProductsStore(db),
    },
    {
      provide: SALES_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseSalesStore(clickhouse),
    },
    RetailService,
  ],
})
export class RetailModule {}
