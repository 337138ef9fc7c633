import { Global, Module, type DynamicModule } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { type GatewayConfig } from '../config/gateway.config';
import { POSTGRES } from '../infrastructure';
import { AUDIT_LOG, AUDIT_OUTBOX } from './audit-log';
import { PostgresAuditLog } from './audit-log.postgres-store';
import { AuditController } from './audit.controller';
import {
  IDENTITY_EVENTS_SETTINGS,
  IdentityEventsPublisher,
  type IdentityEventsSettings,
} from './identity-events.publisher';

/**
 * The audit log: written by the auth, admin and invite features, read at `/v1/admin/audit`, and
 * published row by row as identity events (`identity.account-events`).
 */
@Global()
@Module({})
export class AuditModule {
  static forRoot(config: Pick<GatewayConfig, 'IDENTITY_EVENTS_POLL_MS'>): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        {
          provide: AUDIT_LOG,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new PostgresAuditLog(db),
        },
        // The same store: the log is the events' outbox.
        { provide: AUDIT_OUTBOX, useExisting: AUDIT_LOG },
        {
          provide: IDENTITY_EVENTS_SETTINGS,
          useValue: {
            pollMs: config.IDENTITY_EVENTS_POLL_MS,
            batch: 500,
          } satisfies IdentityEventsSettings,
        },
        IdentityEventsPublisher,
      ],
      exports: [AUDIT_LOG],
    };
  }
}
