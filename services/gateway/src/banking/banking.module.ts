import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { CLICKHOUSE, POSTGRES } from '../infrastructure';
import { ClickHouseBankingTransactionsStore } from './banking.clickhouse-store';
import { BankingController } from './banking.controller';
import { PostgresBankingDirectoryStore } from './banking.postgres-store';
import { BankingService } from './banking.service';
import { BANKING_DIRECTORY_STORE, BANKING_TRANSACTIONS_STORE } from './banking.store';

/** `/v1/banking/*`: clients (Postgres directory), their transactions with totals per currency and their daily and monthly sums (ClickHouse). */
@Module({
  controllers: [BankingController],
  providers: [
    {
      provide: BANKING_DIRECTORY_STORE,
      inject: [POSTGRES],
      useFactory: (db: DataSource) => new PostgresBankingDirectoryStore(db),
    },
    {
      provide: BANKING_TRANSACTIONS_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) =>
        new ClickHouseBankingTransactionsStore(clickhouse),
    },
    BankingService,
  ],
})
export class BankingModule {}
