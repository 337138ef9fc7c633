import { Module, type DynamicModule } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { type GatewayConfig } from '../config/gateway.config';
import { POSTGRES } from '../infrastructure';
import { INVITE_STORE } from './invite';
import { InvitesController } from './invites.controller';
import { PostgresInviteStore } from './invites.postgres-store';
import {
  INVITES_CLOCK,
  INVITES_SETTINGS,
  InvitesService,
  type InvitesSettings,
} from './invites.service';

/**
 * `/v1/admin/invites`: invites to register (REGISTRATION=invite-only, or open with a role other
 * than analyst). Exports the store, which registration spends invites from.
 */
@Module({})
export class InvitesModule {
  static forRoot(config: Pick<GatewayConfig, 'REGISTRATION'>): DynamicModule {
    return {
      module: InvitesModule,
      controllers: [InvitesController],
      providers: [
        {
          provide: INVITE_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new PostgresInviteStore(db),
        },
        {
          provide: INVITES_SETTINGS,
          useValue: { registration: config.REGISTRATION } satisfies InvitesSettings,
        },
        { provide: INVITES_CLOCK, useValue: () => new Date() },
        InvitesService,
      ],
      exports: [INVITE_STORE],
    };
  }
}
