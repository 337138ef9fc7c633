import { Module } from '@nestjs/common';

/** `/v1/ev/*`: users and chargers (Postgres directory), charging sessions and per-charger analytics (ClickHouse). */
@Module({
  controllers: [],
  providers: [],
})
export class EvModule {}
