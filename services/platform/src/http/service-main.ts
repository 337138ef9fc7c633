import { type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { type z } from 'zod';
import { loadConfigOrExit } from '../config/config';
import { runMigrateCommand, serviceCommand, type MigrateCommand } from '../config/migrate-command';
import { createLogger } from '../logging/logger';
import { createFastifyAdapter } from './fastify-adapter';

/**
 * A service's Nest application, as every service makes it: Fastify, logs through pino from the
 * first line (buffered until the logger exists), a failed start-up rejected instead of aborting
 * the process, and SIGTERM/SIGINT running the shutdown hooks (consumers commit and leave their
 * group, the HTTP server drains). Not yet listening: tests `init()` it and inject requests.
 */
export async function createNestService(
  module: DynamicModule,
  adapter: FastifyAdapter = createFastifyAdapter(),
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

type ServiceConfigSchema = z.ZodType<{ LOG_LEVEL: string; HTTP_PORT: number; HTTP_HOST?: string }>;

/** What `serviceMain` needs to know of a service. */
export interface ServiceMain<S extends ServiceConfigSchema> {
  /** The service's name, in its logs. */
  readonly service: string;
  /** Its config schema: checked before anything starts; a bad variable exits 1 naming it. */
  readonly schema: S;
  readonly create: (config: z.output<S>) => Promise<NestFastifyApplication>;
  /** Work between creating and listening (sensor-ingest starts its RPC server). */
  readonly beforeListen?: (app: NestFastifyApplication, config: z.output<S>) => Promise<void>;
  /** Its `node . migrate` command, for a service with a database. */
  readonly migrate?: MigrateCommand<z.ZodType<{ LOG_LEVEL: string }>>;
}

/**
 * The entry point of every service. `node .` validates the config, creates the service and
 * listens on HTTP_PORT at HTTP_HOST (every interface for a service without one: the gateway's
 * public port); a failed start-up (a dependency
 * down, MIGRATIONS=skip with migrations pending) is one fatal JSON line naming the reason and exit
 * 1. `node . migrate` runs the service's migrate command; other arguments exit 2 with the usage.
 */
export function serviceMain<S extends ServiceConfigSchema>(
  main: ServiceMain<S>,
  argv: readonly string[] = process.argv,
): void {
  let command: ReturnType<typeof serviceCommand>;
  try {
    command = serviceCommand(argv);
    if (command === 'migrate' && !main.migrate) throw new Error('has no migrate command');
  } catch (error) {
    process.stderr.write(`${main.service}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (command === 'migrate') {
    void runMigrateCommand(main.migrate!).then((status) => process.exit(status));
    return;
  }
  const config = loadConfigOrExit(main.schema);
  void (async () => {
    try {
      const app = await main.create(config);
      await main.beforeListen?.(app, config);
      await app.listen(config.HTTP_PORT, config.HTTP_HOST ?? '0.0.0.0');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      createLogger(main.service, config.LOG_LEVEL).fatal(
        { err: error },
        `start-up failed: ${message}`,
      );
      process.exit(1);
    }
  })();
}
