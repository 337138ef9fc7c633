import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { kafkaSecurity } from './kafka-client.factory';
import {
  consumerConfigSchema,
  eventCodecOptions,
  heartbeatIntervalFor,
  kafkaConfigSchema,
  refineKafkaConfig,
  type KafkaConfig,
} from './kafka.config';

// As a service composes it: the fields through `.shape`, the cross-variable rules refined.
const schema = kafkaConfigSchema.extend({}).superRefine(refineKafkaConfig);
const base = { KAFKA_BROKERS: 'kafka:9093', SCHEMA_REGISTRY_URL: 'https://registry:8081' };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

let dir: string;
let caFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafka-config-'));
  caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, PEM);
  writeFileSync(join(dir, 'not-a-cert.txt'), 'hello');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, { ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
const load = (env: Record<string, string>): KafkaConfig => loadConfig(schema, { ...base, ...env });

describe('Kafka security config', () => {
  it('is plaintext without credentials by default', () => {
    const config = load({});
    expect(kafkaSecurity(config)).toEqual({});
    expect(eventCodecOptions(config)).toEqual({ registryUrl: 'https://registry:8081' });
  });

  it('turns TLS on with KAFKA_SSL, and checks the brokers against KAFKA_SSL_CA_FILE', () => {
    expect(kafkaSecurity(load({ KAFKA_SSL: 'true' }))).toEqual({ ssl: true });
    expect(kafkaSecurity(load({ KAFKA_SSL: 'false' }))).toEqual({});
    expect(kafkaSecurity(load({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile }))).toEqual({
      ssl: { ca: [PEM] },
    });
    // A CA alone means TLS.
    expect(kafkaSecurity(load({ KAFKA_SSL_CA_FILE: caFile }))).toEqual({ ssl: { ca: [PEM] } });
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'])('authenticates with SASL %s', (mech) => {
    const config = load({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: mech,
      KAFKA_SASL_USERNAME: 'tributary',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSecurity(config)).toEqual({
      ssl: true,
      sasl: { mechanism: mech, username: 'tributary', password: 's3cret' },
    });
  });

  it('passes the registry credentials to the codec', () => {
    expect(
      eventCodecOptions(
        load({ SCHEMA_REGISTRY_USERNAME: 'key', SCHEMA_REGISTRY_PASSWORD: 'secret' }),
      ),
    ).toEqual({
      registryUrl: 'https://registry:8081',
      registryAuth: { username: 'key', password: 'secret' },
    });
  });

  it('names each bad variable', () => {
    expect(problemsOf({ KAFKA_SSL: 'yes' })).toEqual(['KAFKA_SSL: must be true or false']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([
      'KAFKA_SASL_MECHANISM: must be plain, scram-sha-256 or scram-sha-512',
    ]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: join(dir, 'missing.crt') })).toEqual([
      `KAFKA_SSL_CA_FILE: cannot read ${join(dir, 'missing.crt')} (ENOENT)`,
    ]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: join(dir, 'not-a-cert.txt') })).toEqual([
      `KAFKA_SSL_CA_FILE: ${join(dir, 'not-a-cert.txt')} is not a PEM certificate file`,
    ]);
    expect(problemsOf({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: caFile })).toEqual([
      'KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is false (unset KAFKA_SSL or set it to true)',
    ]);
  });

  it('requires the SASL username and password with a mechanism, naming the missing one', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      'KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM is set (scram-sha-512)',
      'KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is set (scram-sha-512)',
    ]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'tributary' })).toEqual(
      ['KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is set (plain)'],
    );
    expect(problemsOf({ KAFKA_SASL_PASSWORD: 's3cret' })).toEqual([
      'KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('requires both registry credentials or neither', () => {
    expect(problemsOf({ SCHEMA_REGISTRY_USERNAME: 'key' })).toEqual([
      'SCHEMA_REGISTRY_PASSWORD: is required when the other schema registry credential is set (both or neither)',
    ]);
    expect(problemsOf({ SCHEMA_REGISTRY_PASSWORD: 'secret' })).toEqual([
      'SCHEMA_REGISTRY_USERNAME: is required when the other schema registry credential is set (both or neither)',
    ]);
  });

  it('refuses to build a client from a config that skipped the rules', () => {
    const config = loadConfig(kafkaConfigSchema, { ...base, KAFKA_SASL_MECHANISM: 'plain' });
    expect(() => kafkaSecurity(config)).toThrow(
      'Invalid Kafka configuration: KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM is set (plain); KAFKA_SASL_PASSWORD',
    );
  });
});

describe('consumer group session', () => {
  const session = (env: Record<string, string>) => {
    try {
      return loadConfig(consumerConfigSchema, env).KAFKA_SESSION_TIMEOUT_MS;
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('is 10 s unless set, heartbeating every 3 s', () => {
    expect(session({})).toBe(10_000);
    expect(heartbeatIntervalFor(10_000)).toBe(3_000);
  });

  it('takes a value within the broker’s bounds and heartbeats three times within it', () => {
    expect(session({ KAFKA_SESSION_TIMEOUT_MS: '6000' })).toBe(6_000);
    expect(heartbeatIntervalFor(6_000)).toBe(2_000);
    expect(session({ KAFKA_SESSION_TIMEOUT_MS: '45000' })).toBe(45_000);
    expect(heartbeatIntervalFor(45_000)).toBe(3_000);
  });

  it('refuses a session the broker would refuse, naming the variable', () => {
    for (const value of ['5999', '300001'])
      expect(session({ KAFKA_SESSION_TIMEOUT_MS: value })).toEqual([
        "KAFKA_SESSION_TIMEOUT_MS: must be between 6000 and 300000 ms (the broker's default group.min/max.session.timeout.ms)",
      ]);
    expect(session({ KAFKA_SESSION_TIMEOUT_MS: '10s' })).toEqual([
      'KAFKA_SESSION_TIMEOUT_MS: must be a positive whole number',
    ]);
  });
});
