import { Global, Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { POSTGRES } from '../infrastructure';
import { AUDIT_LOG } from './audit-log';
import { PostgresAuditLog } from './audit-log.postgres-store';
import { AuditController } from './audit.controller';

/** The audit log: written by the auth and admin features, read at `/v1/admin/audit`. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AUDIT_LOG,
      inject: [POSTGRES],
      useFactory: (db: DataSource) => new PostgresAuditLog(db),
    },
  ],
  exports: [AUDIT_LOG],
})
export class AuditModule {}
