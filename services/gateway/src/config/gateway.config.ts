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
import { MIN_SERVICE_CREDENTIAL_LENGTH } from '@tributary/contracts';
import { JwtKeyError, loadJwtKeys } from '../auth/jwt-keys';
import { passwordProblem } from '../auth/password-policy';
import {
  parsePrincipalBudgets,
  parseRateLimits,
  type PrincipalBudgets,
  type RateLimits,
} from '../throttling/rate-limits';

export const gatewayConfigSchema = postgresConfigSchema
  .extend(redisConfigSchema.shape)
  .extend(clickHouseConfigSchema.shape)
  .extend(kafkaConfigSchema.shape)
  .extend(landingConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend({
    HTTP_PORT: env
      .port()
      .describe('Port of the public API, its docs and the health probes (every interface).'),
    OPS_PORT: env
      .port()
      .default(3001)
      .describe(
        'Port of /metrics (Prometheus), kept off the public port so it is neither public nor throttled.',
      ),
    OPS_HOST: env
      .host()
      .default('127.0.0.1')
      .describe(
        'Address OPS_PORT binds: loopback by default; `0.0.0.0` in a cluster, where a NetworkPolicy admits only Prometheus.',
      ),
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
    SERVICE_CREDENTIAL: env
      .secret(MIN_SERVICE_CREDENTIAL_LENGTH)
      .describe(
        'The secret sent with every message to sensor-ingest (its SERVICE_CREDENTIAL, the same value); without it sensor-ingest records nothing.',
      ),
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
    IDENTITY_EVENTS_POLL_MS: env
      .positiveInt()
      .default(1000)
      .describe(
        'How often (ms) the audit log is looked at for rows not yet published as identity events (`identity.account-events`); while Kafka is down the rows wait there and the wait grows to 30 s.',
      ),
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
      .enum(['open', 'invite-only', 'off'])
      .default('off')
      .describe(
        "`open`: anyone may register an account (role analyst: reads data, personal data masked; or an invite's role); `invite-only`: only with an invite an administrator created (`POST /v1/admin/invites`), which names the role; `off`: accounts come from an administrator (TRIBUTARY_ADMIN_EMAIL, then /v1/admin/accounts). Open it only where self-service sign-up is wanted, e.g. a local or demo stack.",
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
    TRIBUTARY_ADMIN_PASSWORD: env
      .secret(12)
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
        'Per-route-class limits, e.g. `auth=10/60s,ingest=1200/60s,query=600/60s,banking=10/1m` (windows in ms, s, m or h); a class left out keeps its default. Counted per route and per caller: the account (all its sessions and keys together), or the client address without credentials.',
      ),
    PRINCIPAL_RATE_LIMITS: z
      .string()
      .optional()
      .transform((value, ctx): PrincipalBudgets => {
        const parsed = parsePrincipalBudgets(value ?? '');
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      })
      .describe(
        'Budgets over every route per principal, e.g. `anonymous=100/1m,account=6000/1m,ingest=60000/1m`: `anonymous` per client address, `account` per account (its sessions and keys share it), `ingest` per account for its ingest keys; a kind left out keeps its default.',
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
    HSTS_MAX_AGE_S: z
      .string()
      .trim()
      .regex(/^\d{1,9}$/, 'must be a whole number of seconds (0: no HSTS)')
      .transform(Number)
      .default(0)
      .describe(
        '`Strict-Transport-Security` max-age in seconds, sent with every answer; 0 (the default) sends none. Set it (e.g. 31536000) only when clients reach the gateway through TLS.',
      ),
    CORS_ORIGINS: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx): string[] => {
        const origins = (value ?? '')
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
        for (const origin of origins) {
          let parsed: URL | undefined;
          try {
            parsed = new URL(origin);
          } catch {
            parsed = undefined;
          }
          if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
            ctx.addIssue({
              code: 'custom',
              message: `"${origin}" is not an origin such as https://app.example.com (scheme, host, port; no path, no *)`,
            });
          }
        }
        return origins;
      })
      .describe(
        'Browser origins allowed to call the API from another site (CORS), comma-separated, e.g. `https://app.example.com`; empty (the default): none, the console is served from the same origin.',
      ),
    SWAGGER_UI: env
      .boolean()
      .optional()
      .describe(
        'Serve Swagger UI at /docs (the OpenAPI JSON at /docs-json and the route list at /v1 stay). Default: on, except with NODE_ENV=production (the images).',
      ),
    NODE_ENV: z
      .string()
      .optional()
      .describe(
        '`production` in the images: turns Swagger UI off unless SWAGGER_UI says otherwise.',
      ),
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
