import { type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { type z } from 'zod';
import { loadConfig } from './config';

/**
 * The service's configuration, validated once at boot: a bad variable stops the process before
 * it listens, with a message naming the variable. Values come from the environment only (no .env
 * file is read implicitly), so what runs is what the deployment set.
 */
export function validatedConfigModule(
  schema: z.ZodType<Record<string, unknown>>,
): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validate: (environment) =>
      loadConfig(schema, environment as Record<string, string>) as Record<string, unknown>,
  });
}
