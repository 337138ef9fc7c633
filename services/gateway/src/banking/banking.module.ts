import { Module } from '@nestjs/common';

/** `/v1/banking/*`: clients (Postgres directory), their transactions with totals per currency (ClickHouse). */
@Module({
  controllers: [],
  providers: [],
})
export class BankingModule {}
