import { TributaryError } from '@tributary/contracts';
import { z } from 'zod';
import { createLogger, type Logger } from '../logging/logger';
import { ConfigError, loadConfig } from './config';

/**
 * Who applies a service's database migrations. `on-start` (the default): the service itself, as
 * it boots, before it is ready (Postgres under an advisory lock, ClickHouse with idempotent DDL) —
 * what `npm start`, the tests and compose's services without a migrate step do. `skip`: the
 * service never migrates; a one-shot `node . migrate` (a Kubernetes Job, compose's migrate
 * services) has applied them before it is rolled out.
 */
export const migrationsConfigSchema = z.object({
  MIGRATIONS: z
    .enum(['on-start', 'skip'], { message: 'must be on-start or skip' })
    .default('on-start')
    .describe(
      '`on-start`: the service applies its migrations as it boots (under an advisory lock); `skip`: a `node . migrate` Job applied them, and the service refuses to start (exit 1, naming them) while some are pending.',
    ),
});

export type MigrationsConfig = z.output<typeof migrationsConfigSchema>;

/** What a service's entry point was asked to do: `node .` serves, `node . migrate` migrates. */
export type ServiceCommand = 'serve' | 'migrate';

/** Raised for arguments a service's entry point does not know. */
export class UsageError extends TributaryError {
  constructor(message: string) {
    super('SERVICE.USAGE', message);
  }
}

/** The command of `argv` (process.argv: the arguments start at index 2). */
export function serviceCommand(argv: readonly string[] = process.argv): ServiceCommand {
  const args = argv.slice(2);
  if (args.length === 0) return 'serve';
  if (args.length === 1 && args[0] === 'migrate') return 'migrate';
  throw new UsageError(
    `unknown arguments ${JSON.stringify(args)}: run \`node .\` to serve, \`node . migrate\` to apply the database migrations and exit`,
  );
}

/** Migrations applied, per store (e.g. `{ postgres: [...] }`, `{ telemetry: [...], datasets: [...] }`). */
export type AppliedMigrations = Record<string, readonly string[]>;

export interface MigrateCommand<S extends z.ZodType<{ LOG_LEVEL: string }>> {
  /** The service's name, on every log line. */
  readonly service: string;
  /** Only what migrating needs (a database's address and credentials, LOG_LEVEL). */
  readonly schema: S;
  /** Applies the pending migrations, closes its connections, returns what it applied. */
  readonly migrate: (config: z.output<S>, logger: Logger) => Promise<AppliedMigrations>;
}

export interface MigrateCommandIo {
  env?: Record<string, string | undefined>;
  /** Where configuration problems go (no logger exists before the config is valid). */
  stderr?: { write(text: string): unknown };
  /** The logger, from the validated LOG_LEVEL (tests capture its lines). */
  logger?: (level: string) => Logger;
}

/**
 * `node . migrate`: validates only the config migrating needs, applies the service's migrations,
 * logs what it applied (one JSON line) and resolves to the exit status — 0, or 1 with the reason
 * (every bad variable on stderr, or the failed migration logged at error).
 */
export async function runMigrateCommand<S extends z.ZodType<{ LOG_LEVEL: string }>>(
  command: MigrateCommand<S>,
  io: MigrateCommandIo = {},
): Promise<number> {
  let config: z.output<S>;
  try {
    config = loadConfig(command.schema, io.env ?? process.env);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    (io.stderr ?? process.stderr).write(`${command.service} migrate: ${message}\n`);
    return 1;
  }
  const logger = (io.logger ?? ((level) => createLogger(command.service, level)))(
    config.LOG_LEVEL,
  ).child({ command: 'migrate' });
  const started = Date.now();
  try {
    const applied = await command.migrate(config, logger);
    const count = Object.values(applied).reduce((sum, names) => sum + names.length, 0);
    logger.info(
      { applied, durationMs: Date.now() - started },
      count === 0 ? 'migrations: nothing to apply' : `migrations: ${count} applied`,
    );
    return 0;
  } catch (error) {
    logger.error(
      { err: error, durationMs: Date.now() - started },
      `migrations failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
