import { readFileSync } from 'node:fs';
import { type EventCodecOptions } from '@tributary/contracts';
import { z } from 'zod';
import { env } from '../config/config';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** A PEM file read at boot: its path and its text (an unreadable file names the variable). */
const pemFile = () =>
  env.string().transform((path, ctx) => {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      ctx.addIssue({ code: 'custom', message: `cannot read ${path} (${code})` });
      return z.NEVER;
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      ctx.addIssue({ code: 'custom', message: `${path} is not a PEM certificate file` });
      return z.NEVER;
    }
    return { path, pem };
  });

export const kafkaConfigSchema = z.object({
  KAFKA_BROKERS: env.hostPortList().describe('Bootstrap brokers, `host:port[,host:port…]`.'),
  SCHEMA_REGISTRY_URL: env
    .url(['http', 'https'])
    .describe('Confluent-compatible schema registry, e.g. http://127.0.0.1:18081.'),
  KAFKA_SSL: env
    .boolean()
    .optional()
    .describe('TLS to the brokers (`true`/`false`; unset: off unless KAFKA_SSL_CA_FILE is set).'),
  KAFKA_SSL_CA_FILE: pemFile()
    .optional()
    .describe(
      "CA certificates (PEM file, read at boot) the brokers' certificates are checked against; unset: Node's.",
    ),
  KAFKA_SASL_MECHANISM: z
    .enum(KAFKA_SASL_MECHANISMS, { message: 'must be plain, scram-sha-256 or scram-sha-512' })
    .optional()
    .describe(
      'SASL authentication: plain, scram-sha-256 or scram-sha-512 (unset: none); needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.',
    ),
  KAFKA_SASL_USERNAME: env.string().optional().describe('SASL user (with KAFKA_SASL_MECHANISM).'),
  KAFKA_SASL_PASSWORD: env
    .secret()
    .optional()
    .describe('SASL password (with KAFKA_SASL_MECHANISM).'),
  SCHEMA_REGISTRY_USERNAME: env
    .string()
    .optional()
    .describe('HTTP basic auth to the schema registry (both or neither).'),
  SCHEMA_REGISTRY_PASSWORD: env
    .secret()
    .optional()
    .describe('HTTP basic auth password of the schema registry (with SCHEMA_REGISTRY_USERNAME).'),
});

export type KafkaConfig = z.output<typeof kafkaConfigSchema>;

type Issue = { path: [string]; message: string };

/** The problems of a Kafka config the fields alone cannot see, each naming its variable. */
export function kafkaConfigProblems(config: KafkaConfig): Issue[] {
  const issues: Issue[] = [];
  if (config.KAFKA_SASL_MECHANISM !== undefined) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      if (config[name] === undefined)
        issues.push({
          path: [name],
          message: `is required when KAFKA_SASL_MECHANISM is set (${config.KAFKA_SASL_MECHANISM})`,
        });
  } else {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      if (config[name] !== undefined)
        issues.push({ path: [name], message: 'is set but KAFKA_SASL_MECHANISM is not' });
  }
  if (config.KAFKA_SSL_CA_FILE !== undefined && config.KAFKA_SSL === false)
    issues.push({
      path: ['KAFKA_SSL_CA_FILE'],
      message: 'is set but KAFKA_SSL is false (unset KAFKA_SSL or set it to true)',
    });
  if (
    (config.SCHEMA_REGISTRY_USERNAME === undefined) !==
    (config.SCHEMA_REGISTRY_PASSWORD === undefined)
  ) {
    const missing =
      config.SCHEMA_REGISTRY_USERNAME === undefined
        ? 'SCHEMA_REGISTRY_USERNAME'
        : 'SCHEMA_REGISTRY_PASSWORD';
    issues.push({
      path: [missing],
      message: 'is required when the other schema registry credential is set (both or neither)',
    });
  }
  return issues;
}

/**
 * The cross-variable rules of the Kafka config, for a service schema's `superRefine` (its
 * `.shape` extends keep only the fields): SASL username and password with a mechanism, the
 * registry's credentials in pairs.
 */
export function refineKafkaConfig(config: KafkaConfig, ctx: z.RefinementCtx): void {
  for (const issue of kafkaConfigProblems(config)) ctx.addIssue({ code: 'custom', ...issue });
}

/** The codec's options from the config: the registry's URL and, when set, its credentials. */
export function eventCodecOptions(config: KafkaConfig): EventCodecOptions {
  return {
    registryUrl: config.SCHEMA_REGISTRY_URL,
    ...(config.SCHEMA_REGISTRY_USERNAME !== undefined &&
    config.SCHEMA_REGISTRY_PASSWORD !== undefined
      ? {
          registryAuth: {
            username: config.SCHEMA_REGISTRY_USERNAME,
            password: config.SCHEMA_REGISTRY_PASSWORD,
          },
        }
      : {}),
  };
}

/**
 * How long the group waits for a member that stopped heartbeating before giving its partitions to
 * another (kafkajs's own default is 30 s). A member that crashes without leaving (SIGKILL, OOM, a
 * lost node) stalls its partitions this long; 10 s keeps that short while leaving a process
 * starved of CPU for a few seconds (a full GC, a busy machine) in its group.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;
/** The broker's default bounds of a session (group.min/max.session.timeout.ms). */
const SESSION_BOUNDS = { min: 6_000, max: 300_000 } as const;

/** A consumer's group membership: the session timeout, from which its heartbeat follows. */
export const consumerConfigSchema = z.object({
  KAFKA_SESSION_TIMEOUT_MS: env
    .positiveInt()
    .refine(
      (ms) => ms >= SESSION_BOUNDS.min && ms <= SESSION_BOUNDS.max,
      `must be between ${SESSION_BOUNDS.min} and ${SESSION_BOUNDS.max} ms (the broker's default group.min/max.session.timeout.ms)`,
    )
    .default(DEFAULT_SESSION_TIMEOUT_MS)
    .describe(
      'How long the consumer group waits for a member that stopped heartbeating (a crash) before another takes its partitions, in ms; the member heartbeats every third of it (at most every 3 s). Shorter: a crash stalls less; too short: a process starved of CPU is dropped from its group and its work replayed.',
    ),
});

export type ConsumerConfig = z.output<typeof consumerConfigSchema>;

/** The heartbeat a session timeout needs: three chances within it, at most every 3 s. */
export const heartbeatIntervalFor = (sessionTimeoutMs: number): number =>
  Math.min(3_000, Math.floor(sessionTimeoutMs / 3));
