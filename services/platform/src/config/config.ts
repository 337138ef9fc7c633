import { readFileSync } from 'node:fs';
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
 * an operator everything that is wrong. A secret (`env.secret`, `env.secretUrl`) may come from a
 * mounted file named by `<NAME>_FILE` instead; with `NODE_ENV=production` every secret given must
 * also pass `secretProblem` (strong, not a default).
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const secrets = secretsOf(schema);
  const problems: string[] = [];
  const resolved = { ...env };
  for (const [name] of secrets) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined) {
      problems.push(`${name}_FILE: set ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      // A mounted secret often ends with a newline the value never meant.
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}_FILE: cannot be read: ${(error as Error).message}`);
    }
  }
  const result = schema.safeParse(resolved);
  if (!result.success)
    problems.push(
      ...result.error.issues.map((issue) => {
        const variable = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
        const message =
          issue.code === 'invalid_type' && issue.input === undefined
            ? 'is required'
            : issue.message;
        return `${variable}: ${message}`;
      }),
    );
  if (isProduction(env))
    for (const [name, kind] of secrets) {
      const value = resolved[name];
      if (value === undefined || problems.some((p) => p.startsWith(`${name}:`))) continue;
      const problem = secretProblem(value, kind);
      if (problem) problems.push(`${name}: ${problem} (NODE_ENV=production)`);
    }
  if (problems.length > 0) throw new ConfigError(problems);
  return (result as { data: z.output<S> }).data;
}

/** Outside development: what the images run as, and where weak or default secrets are refused. */
export const isProduction = (env: Record<string, string | undefined>): boolean =>
  env['NODE_ENV'] === 'production';

/** The least a secret holds outside development. */
export const PRODUCTION_SECRET_MIN_LENGTH = 16;
const PRODUCTION_SECRET_MIN_DISTINCT = 8;

/**
 * Why a secret is too weak for production, or null: shorter than 16 characters, fewer than 8
 * different ones (`aaaa…`, `abababab…`), or a URL (`secretUrl`) without a password or with a
 * weak one.
 */
export function secretProblem(value: string, kind: SecretKind): string | null {
  let secret = value;
  if (kind === 'url') {
    let password = '';
    try {
      password = decodeURIComponent(new URL(value).password);
    } catch {
      return null; // the URL's own rule names that problem
    }
    if (password === '') return 'must carry a password (scheme://user:password@host…)';
    secret = password;
  }
  const what = kind === 'url' ? 'its password' : 'it';
  if (secret.length < PRODUCTION_SECRET_MIN_LENGTH)
    return `is too weak: ${what} must be at least ${PRODUCTION_SECRET_MIN_LENGTH} characters`;
  if (new Set(secret).size < PRODUCTION_SECRET_MIN_DISTINCT)
    return `is too weak: ${what} must use at least ${PRODUCTION_SECRET_MIN_DISTINCT} different characters`;
  return null;
}

export type SecretKind = 'value' | 'url';

/** The schemas made by `env.secret` and `env.secretUrl`, by definition (clones share it). */
const SECRET_DEFS = new WeakMap<object, SecretKind>();

type Def = { type?: string; innerType?: z.ZodType; in?: z.ZodType; shape?: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The variables of a config schema that hold secrets, and their kind. */
export function secretsOf(schema: z.ZodType): Map<string, SecretKind> {
  const found = new Map<string, SecretKind>();
  const object = unwrap(schema);
  const shape = (object as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return found;
  for (const [name, field] of Object.entries(shape)) {
    let current: z.ZodType | undefined = field;
    while (current) {
      const kind = SECRET_DEFS.get(defOf(current));
      if (kind) {
        found.set(name, kind);
        break;
      }
      const def = defOf(current);
      current = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    }
  }
  return found;
}

const secret = <T extends z.ZodType>(schema: T, kind: SecretKind): T => {
  SECRET_DEFS.set(defOf(schema), kind);
  return schema;
};

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

  /**
   * A secret (a password, a key, a credential both ends of a hop share): at least `minLength`
   * characters, taken as given. `loadConfig` also reads it from the file `<NAME>_FILE` names (a
   * mounted secret), and with NODE_ENV=production refuses a weak one (`secretProblem`).
   */
  secret: (minLength = 1) =>
    secret(
      z
        .string()
        .min(
          minLength,
          minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`,
        ),
      'value',
    ),

  /**
   * A URL carrying a password (`postgresql://user:password@host/db`): a secret as `secret` is,
   * whose password must be strong with NODE_ENV=production.
   */
  secretUrl: (protocols: readonly string[]) => secret(env.url(protocols), 'url'),

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
