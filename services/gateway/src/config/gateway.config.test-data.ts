import { TEST_JWT_PRIVATE_KEY } from '../testing/jwt-test-key';

/** The smallest environment the gateway's config accepts: each required variable, plausible. */
export const MINIMAL_GATEWAY_ENV: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CLICKHOUSE_URL: 'http://127.0.0.1:8123',
  CLICKHOUSE_USER: 'u',
  CLICKHOUSE_PASSWORD: 'p',
  CLICKHOUSE_DATABASE: 'tributary',
  HTTP_PORT: '3000',
  SENSOR_INGEST_ADDRESS: '127.0.0.1:3102',
  JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
  SERVICE_CREDENTIAL: 's'.repeat(32),
  KAFKA_BROKERS: '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
  LANDING_DIR: '/var/lib/tributary/landing',
};
