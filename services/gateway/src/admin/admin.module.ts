import { Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { POSTGRES } from '../infrastructure';
import { AdminController } from './admin.controller';
import { PostgresAdminStore } from './admin.postgres-store';
import { ADMIN_CLOCK, AdminService } from './admin.service';
import { ADMIN_STORE } from './admin.store';

/** `/v1/admin/*`: accounts and roles, ingest activity (the web console's admin pages). */
@Module({
  controllers: [AdminController],
  providers: [
    {
      provide: ADMIN_STORE,
      inject: [POSTGRES],
      useFactory: (db: DataSource) => new PostgresAdminStore(db),
    },
    { provide: ADMIN_CLOCK, useValue: () => new Date() },
    AdminService,
  ],
})
export class AdminModule {}
