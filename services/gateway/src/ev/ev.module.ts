import { type ClickHouseClient } from '@clickhouse/client';
import { Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { CLICKHOUSE, POSTGRES } from '../infrastructure';
import { ClickHouseEvSessionsStore } from './ev.clickhouse-store';
import { EvController } from './ev.controller';
import { PostgresEvDirectoryStore } from './ev.postgres-store';
import { EvService } from './ev.service';
import { EV_DIRECTORY_STORE, EV_SESSIONS_STORE } from './ev.store';

/** `/v1/ev/*`: users and chargers (Postgres directory), charging sessions and per-charger analytics (ClickHouse). */
@Module({
  controllers: [EvController],
  providers: [
    {
      provide: EV_DIRECTORY_STORE,
      inject: [POSTGRES],
      useFactory: (postgres: DataSource) => new PostgresEvDirectoryStore(postgres),
    },
    {
      provide: EV_SESSIONS_STORE,
      inject: [CLICKHOUSE],
      useFactory: (clickhouse: ClickHouseClient) => new ClickHouseEvSessionsStore(clickhouse),
    },
    EvService,
  ],
})
export class EvModule {}
