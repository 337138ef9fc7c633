import {
  clickHouseConfigSchema,
  env,
  kafkaConfigSchema,
  refineKafkaConfig,
  landingConfigSchema,
  loggingConfigSchema,
  migrationsConfigSchema,
  postgresConfigSchema,
  redisConfigSchema,
  refineLandingConfig,
} from '@tributary/platform';
import { z } from 'zod';
import { JwtKeyError, loadJwtKeys } from '../auth/jwt-keys';
import { passwordProblem } from '../auth/password-policy';
import { parseRateLimits, type RateLimits } from '../throttling/rate-limits';

export const gatewayConfigSchema = postgresConfigSchema
  .extend(redisConfigSchema.shape)
  .extend(clickHouseConfigSchema.shape)
  .extend(kafkaConfigSchema.shape)
  .extend(landingConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend({
    HTTP_PORT: env.port().describe('Port of the public API, its docs and the ops routes.'),
    MAX_FILES_PER_UPLOAD: env
      .positiveInt()
      .default(20)
      .describe('Files one upload request may carry.'),
    SENSOR_INGEST_ADDRESS: env
      .hostPortList()
      .refine((list) => list.length === 1, {
        message: 'must be one host:port',
      })
      .describe("sensor-ingest's microservice, `host:port`."),
    RPC_TIMEOUT_MS: env
      .positiveInt()
      .default(15_000)
      .describe(
        "How long a request waits for sensor-ingest's answer before it is told 503, in ms. Keep it above sensor-ingest's PUBLISH_TIMEOUT_MS, so Kafka's own verdict arrives first.",
      ),
    QUERY_TIMEOUT_S: env
      .positiveInt()
      .default(30)
      .describe(
        'Longest a read may run on ClickHouse, in seconds: the server cancels it then (max_execution_time) and the caller gets 503 naming what to narrow, instead of a statement left running.',
      ),
    JWT_PRIVATE_KEY: z
      .string()
      .optional()
      .describe(
        'Required unless JWT_PRIVATE_KEY_FILE is set: PEM of the RSA private key (2048 bits or more) that signs access tokens (RS256; `\\n` stands for a newline). Its `kid` is its RFC 7638 thumbprint.',
      ),
    JWT_PRIVATE_KEY_FILE: z
      .string()
      .optional()
      .describe('A file (a mounted secret) holding that PEM, instead of JWT_PRIVATE_KEY.'),
    JWT_ROLLOVER_PUBLIC_KEYS: z
      .string()
      .optional()
      .describe(
        "PEM public keys whose tokens are accepted too, never signed with: during a key rollover, the next key (before any replica signs with it) and then the previous one (until its tokens' ACCESS_TOKEN_TTL_S has passed). Or JWT_ROLLOVER_PUBLIC_KEYS_FILE.",
      ),
    JWT_ROLLOVER_PUBLIC_KEYS_FILE: z
      .string()
      .optional()
      .describe('A file holding those PEM public keys, instead of JWT_ROLLOVER_PUBLIC_KEYS.'),
    LOGIN_FREE_FAILURES_PER_ACCOUNT: env
      .positiveInt()
      .default(5)
      .describe(
        'Failed sign-ins an account may have in a row before it backs off (locks of 1 s, 2 s, 4 s … up to 15 min, answered 429).',
      ),
    LOGIN_FREE_FAILURES_PER_IP: env
      .positiveInt()
      .default(20)
      .describe(
        'The same per client address, across accounts. Raise it where many people share one address (a NAT) and TRUSTED_PROXY_HOPS cannot tell them apart.',
      ),
    REGISTRATION: z
      .enum(['open', 'off'])
      .default('off')
      .describe(
        '`open`: anyone may register an account (role analyst: reads data, personal data masked); `off`: accounts come from an administrator (TRIBUTARY_ADMIN_EMAIL, then /v1/admin/accounts). Open it only where self-service sign-up is wanted, e.g. a local or demo stack.',
      ),
    JWT_ISSUER: env
      .string()
      .default('tributary')
      .describe('The `iss` of the tokens the gateway issues, and the only one it accepts.'),
    JWT_AUDIENCE: env
      .string()
      .default('tributary-api')
      .describe('The `aud` of the tokens the gateway issues, and the only one it accepts.'),
    ACCESS_TOKEN_TTL_S: env
      .positiveInt()
      .default(900)
      .describe('Access token lifetime, in seconds.'),
    REFRESH_TOKEN_TTL_S: env
      .positiveInt()
      .default(30 * 24 * 3600)
      .describe('Refresh token lifetime, in seconds (30 days).'),
    TRIBUTARY_ADMIN_EMAIL: z
      .email('must be an email address')
      .optional()
      .describe(
        'With TRIBUTARY_ADMIN_PASSWORD (both or neither): the admin account created (or kept) at start-up.',
      ),
    TRIBUTARY_ADMIN_PASSWORD: z
      .string()
      .min(12, 'must be at least 12 characters')
      .optional()
      .describe(
        "The admin's password (with TRIBUTARY_ADMIN_EMAIL): at least 12 characters, 5 different ones, not a common password, not the e-mail; the gateway refuses to start with a weaker one.",
      ),
    TRUSTED_PROXY_HOPS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .default(0)
      .describe(
        "Proxies in front of the gateway whose `X-Forwarded-For` entries are trusted (0: the socket's address is the client). The client is the entry that many hops from the right.",
      ),
    RATE_LIMITS: z
      .string()
      .optional()
      .transform((value, ctx): RateLimits => {
        const parsed = parseRateLimits(value ?? '');
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      })
      .describe(
        'Per-route-class limits, e.g. `auth=10/60s,ingest=1200/60s,query=600/60s` (windows in ms, s, m or h); a class left out keeps its default. `auth` is per client address, `ingest` and `query` per account or API key.',
      ),
    CONSOLE_DIR: z
      .string()
      .trim()
      .min(1, 'must be a folder, or off')
      .refine((v) => !v.includes('\0'), 'must be a folder, or off')
      .default('dist/console')
      .describe(
        "The web console's built files (`bash scripts/nx.sh build console` writes them to dist/console), served at /console; relative paths are from the working directory. `off` serves no console. The folder must hold index.html, or the gateway refuses to start.",
      ),
    BODY_LIMIT_BYTES: env
      .positiveInt()
      .default(16 * 1024 * 1024)
      .describe('Largest request body accepted, in bytes (16 MiB: 10,000 readings fit).'),
  })
  .superRefine((config, ctx) => {
    refineKafkaConfig(config, ctx);
    refineLandingConfig(config, ctx);
    try {
      loadJwtKeys(config);
    } catch (error) {
      if (!(error instanceof JwtKeyError)) throw error;
      ctx.addIssue({ code: 'custom', path: [error.variable], message: error.message });
    }
    if (
      (config.TRIBUTARY_ADMIN_EMAIL === undefined) !==
      (config.TRIBUTARY_ADMIN_PASSWORD === undefined)
    ) {
      const missing =
        config.TRIBUTARY_ADMIN_EMAIL === undefined
          ? 'TRIBUTARY_ADMIN_EMAIL'
          : 'TRIBUTARY_ADMIN_PASSWORD';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'is required when the other admin variable is set (set both or neither)',
      });
    }
    // The bootstrap admin holds every scope: its password meets the policy people's do.
    const weak =
      config.TRIBUTARY_ADMIN_EMAIL && config.TRIBUTARY_ADMIN_PASSWORD
        ? passwordProblem(config.TRIBUTARY_ADMIN_PASSWORD, config.TRIBUTARY_ADMIN_EMAIL)
        : null;
    if (weak) ctx.addIssue({ code: 'custom', path: ['TRIBUTARY_ADMIN_PASSWORD'], message: weak });
  });

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
