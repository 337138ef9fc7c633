/**
 * Creates or updates every catalog topic (and its DLQ) and registers every schema with FULL_TRANSITIVE
 * compatibility. Idempotent: run by `npm start`, by `npm test`, and by deployments before the
 * services start. Reads KAFKA_BROKERS and SCHEMA_REGISTRY_URL (and SCHEMA_REGISTRY_USERNAME /
 * SCHEMA_REGISTRY_PASSWORD for a registry with basic auth).
 */
import { Kafka, logLevel } from 'kafkajs';
import { EventCodec } from '../codec';
import { ignoreKafkajsNegativeTimeoutWarning } from '../kafkajs-node24';
import { ensureTopics } from '../topics-admin';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is required (e.g. from .tributary/stack.env)`);
  return value;
}

async function main(): Promise<void> {
  ignoreKafkajsNegativeTimeoutWarning();
  const brokers = required('KAFKA_BROKERS').split(',');
  const registryUrl = required('SCHEMA_REGISTRY_URL');
  const replication = Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? '1');

  const admin = new Kafka({
    clientId: 'tributary-provision',
    brokers,
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  try {
    const topics = await ensureTopics(admin, undefined, replication);
    process.stdout.write(
      `topics: ${topics.created.length} created, ${topics.reconfigured.length} reconfigured, ` +
        `${topics.repartitioned.length} repartitioned, ${topics.unchanged.length} unchanged\n`,
    );
  } finally {
    await admin.disconnect();
  }

  // HTTP basic auth to the registry: both or neither.
  const username = process.env['SCHEMA_REGISTRY_USERNAME']?.trim();
  const password = process.env['SCHEMA_REGISTRY_PASSWORD'];
  if (!username !== !password)
    throw new Error(
      `${username ? 'SCHEMA_REGISTRY_PASSWORD' : 'SCHEMA_REGISTRY_USERNAME'} is required when the other schema registry credential is set (both or neither)`,
    );
  const registryAuth = username && password ? { username, password } : undefined;
  const ids = await new EventCodec({
    registryUrl,
    ...(registryAuth ? { registryAuth } : {}),
  }).register();
  process.stdout.write(
    `schemas: ${ids.size} subjects registered (FULL_TRANSITIVE) at ${registryUrl}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `provisioning failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
