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
import { parseRateLimits, type RateLimits } from '../throttling/rate-limits';

export const gatewayConfigSchema = postgresConfigSchema
  .extend(redisConfigSchema.shape)
  .extend(clickHouseConfigSchema.shape)
  .extend(kafkaConfigSchema.shape)
  .extend(landingConfigSchema.shape)
  .extend(loggingConfigSchema.shape)
  .extend(migrationsConfigSchema.shape)
  .extend({
    /** Port of the public API, its docs and the ops routes. */
    HTTP_PORT: env.port(),
    /** Files one upload request may carry (default 20). */
    MAX_FILES_PER_UPLOAD: env.positiveInt().default(20),
    /** sensor-ingest's microservice, `host:port`. */
    SENSOR_INGEST_ADDRESS: env.hostPortList().refine((list) => list.length === 1, {
      message: 'must be one host:port',
    }),
    /**
     * How long a request waits for sensor-ingest's answer before it is told 503 (default 15000).
     * Keep it above sensor-ingest's PUBLISH_TIMEOUT_MS, so Kafka's own verdict arrives first.
     */
    RPC_TIMEOUT_MS: env.positiveInt().default(15_000),
    /**
     * Longest a read may run on ClickHouse, in seconds (default 30): the server cancels it then
     * and the caller gets 503 with what to narrow, instead of a statement left running.
     */
    QUERY_TIMEOUT_S: env.positiveInt().default(30),
    /** HMAC key of the access tokens (HS256): at least 32 characters of randomness. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_ISSUER: env.string().default('tributary'),
    JWT_AUDIENCE: env.string().default('tributary-api'),
    /** Access token lifetime in seconds (default 900). */
    ACCESS_TOKEN_TTL_S: env.positiveInt().default(900),
    /** Refresh token lifetime in seconds (default 30 days). */
    REFRESH_TOKEN_TTL_S: env.positiveInt().default(30 * 24 * 3600),
    /** Set both to create (or keep) an admin account at start-up. */
    TRIBUTARY_ADMIN_EMAIL: z.email('must be an email address').optional(),
    TRIBUTARY_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /**
     * Proxies in front of the gateway whose `X-Forwarded-For` entries are trusted (default 0:
     * the socket's address is the client). The client is the entry that many hops from the right.
     */
    TRUSTED_PROXY_HOPS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .default(0),
    /** Per-route-class limits, e.g. `auth=10/60s,ingest=1200/60s,query=600/60s` (see README). */
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
      }),
    /**
     * The web console's built files (`bash scripts/nx.sh build console` writes them to
     * dist/console), served at /console; relative paths are from the working directory. `off`
     * serves no console. The folder must hold index.html, or the gateway refuses to start.
     */
    CONSOLE_DIR: z
      .string()
      .trim()
      .min(1, 'must be a folder, or off')
      .refine((v) => !v.includes('\0'), 'must be a folder, or off')
      .default('dist/console'),
    /** Largest request body accepted, in bytes (default 16 MiB: 10,000 readings fit). */
    BODY_LIMIT_BYTES: env.positiveInt().default(16 * 1024 * 1024),
  })
  .superRefine((config, ctx) => {
    refineKafkaConfig(config, ctx);
    refineLandingConfig(config, ctx);
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
  });

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
