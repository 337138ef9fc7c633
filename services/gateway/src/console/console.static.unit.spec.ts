import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tributary/platform';
import { gatewayConfigSchema } from '../config/gateway.config';
import { CONSOLE_CSP, consoleRoot } from './console.static';

describe('the console folder (CONSOLE_DIR)', () => {
  const env = {
    DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
    REDIS_URL: 'redis://127.0.0.1:6379',
    CLICKHOUSE_URL: 'http://127.0.0.1:8123',
    CLICKHOUSE_USER: 'u',
    CLICKHOUSE_PASSWORD: 'p',
    CLICKHOUSE_DATABASE: 'tributary',
    HTTP_PORT: '3000',
    SENSOR_INGEST_ADDRESS: '127.0.0.1:3102',
    JWT_SECRET: 'x'.repeat(32),
    KAFKA_BROKERS: '127.0.0.1:9092',
    SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
    LANDING_DIR: '/var/lib/tributary/landing',
  };

  it('defaults to dist/console in the schema, and refuses an empty value', () => {
    expect(loadConfig(gatewayConfigSchema, env).CONSOLE_DIR).toBe('dist/console');
    expect(() => loadConfig(gatewayConfigSchema, { ...env, CONSOLE_DIR: ' ' })).toThrow(
      /CONSOLE_DIR/,
    );
  });

  it('is refused at boot without an index.html, naming the fix; off serves none', () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-'));
    expect(() => consoleRoot(empty)).toThrow(/has no index.html; build the console/);
    expect(consoleRoot('off')).toBeNull();
    writeFileSync(join(empty, 'index.html'), '<!doctype html>');
    expect(consoleRoot(empty)).toBe(empty);
  });

  it('allows nothing inline and nothing from another origin', () => {
    expect(CONSOLE_CSP).not.toMatch(/unsafe-|\*|https?:/);
    expect(CONSOLE_CSP).toContain("default-src 'none'");
  });
});
