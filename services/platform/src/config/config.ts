import { z } from 'zod';
import { TributaryError } from '@tributary/contracts';

/** Raised at boot when the environment does not satisfy a service's config schema. */
export class ConfigError extends TributaryError {
  constructor(readonly problems: readonly string[]) {
    super(
      'CONFIG.INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/**
 * Validates the environment against a schema whose keys are variable names and returns the typed
 * result. Every problem is reported at once, each naming its variable, so one failed boot tells
 * an operator everything that is wrong.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
      const message =
        issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      return `${variable}: ${message}`;
    }),
  );
}

/**
 * What `loadConfig` would refuse in an environment, one line per problem (`[]` when it would
 * load): for checks that a deployment gives a service everything it needs.
 */
export function configProblems(
  schema: z.ZodType,
  env: Record<string, string | undefined>,
): readonly string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/**
 * `loadConfig` for a process's entry point: on a bad environment it writes the problems to stderr
 * (no logger exists yet) and exits with status 1, so an operator sees every bad variable at once.
 */
export function loadConfigOrExit<S extends z.ZodType>(schema: S): z.output<S> {
  try {
    return loadConfig(schema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** Building blocks for config schemas: each parses one environment variable's string. */
export const env = {
  string: () => z.string().trim().min(1, 'must not be empty'),

  /** A secret both ends of a hop share: at least `minLength` characters, taken as given. */
  secret: (minLength: number) =>
    z.string().min(minLength, `must be at least ${minLength} characters`),

  /** An address to bind a port to, e.g. 127.0.0.1 (this machine only) or 0.0.0.0. */
  host: () => z.string().trim().min(1, 'must be an address to bind, e.g. 127.0.0.1 or 0.0.0.0'),

  url: (protocols: readonly string[]) =>
    z
      .string()
      .trim()
      .refine(
        (value) => {
          try {
            return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
      ),

  /** `host:port[,host:port…]` */
  hostPortList: () =>
    z
      .string()
      .trim()
      .transform((value) => value.split(',').map((item) => item.trim()))
      .refine(
        (items) =>
          items.length > 0 && items.every((item) => /^[A-Za-z0-9._-]+:\d{1,5}$/.test(item)),
        'must be a comma-separated list of host:port',
      ),

  port: () =>
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a port number')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 65535, 'must be a port number between 1 and 65535'),

  positiveInt: () =>
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a positive whole number')
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n > 0, 'must be a positive whole number'),

  boolean: () =>
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .transform((value) => value === 'true' || value === '1'),
};
