import {
  createDataSource,
  loggingConfigSchema,
  postgresConfigSchema,
  runMigrations,
  type MigrateCommand,
  type PostgresConfig,
} from '@tributary/platform';
import { type DataSource } from 'typeorm';
import { AccountEntity } from './auth/accounts.typeorm-store';
import { CreateAccounts1764000000000 } from './auth/migrations/1764000000000-create-accounts';
import { CreateApiKeys1764000100000 } from './auth/migrations/1764000100000-create-api-keys';
import { ScopesAndDisabledAccounts1765000000000 } from './auth/migrations/1765000000000-scopes-and-disabled-accounts';
import { CreateAuditLog1765000100000 } from './audit/migrations/1765000100000-create-audit-log';
import { CreateInvites1766000000000 } from './invites/migrations/1766000000000-create-invites';
import { AuditLogOutbox1766000100000 } from './audit/migrations/1766000100000-audit-log-outbox';

/** The gateway's Postgres schema: accounts and API keys. */
export const GATEWAY_SCHEMA = 'gateway';

/** In order; applied ones are never edited. */
export const GATEWAY_MIGRATIONS = [
  CreateAccounts1764000000000,
  CreateApiKeys1764000100000,
  ScopesAndDisabledAccounts1765000000000,
  CreateAuditLog1765000100000,
  CreateInvites1766000000000,
  AuditLogOutbox1766000100000,
];

export function createGatewayDataSource(config: PostgresConfig): DataSource {
  return createDataSource(config, {
    entities: [AccountEntity],
    migrations: GATEWAY_MIGRATIONS,
    schema: GATEWAY_SCHEMA,
    // Every gateway query is a request's lookup: past this, the caller gets 503, not a hang.
    queryTimeoutMs: 10_000,
  });
}

/** Applies the pending migrations once (advisory lock); returns the names of those applied. */
export async function migrateGateway(db: DataSource): Promise<string[]> {
  return (await runMigrations(db, 'gateway')).map((migration) => migration.name);
}

/** What `node . migrate` needs: the database, and the log level. */
export const gatewayMigrateConfigSchema = postgresConfigSchema.extend(loggingConfigSchema.shape);

/** `node . migrate`: the accounts and API keys schema, then exit. */
export const gatewayMigrateCommand: MigrateCommand<typeof gatewayMigrateConfigSchema> = {
  service: 'gateway',
  schema: gatewayMigrateConfigSchema,
  migrate: async (config) => {
    const db = createGatewayDataSource(config);
    await db.initialize();
    try {
      return { postgres: await migrateGateway(db) };
    } finally {
      await db.destroy();
    }
  },
};
