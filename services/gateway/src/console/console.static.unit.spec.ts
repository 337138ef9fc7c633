import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tributary/platform';
import { gatewayConfigSchema } from '../config/gateway.config';
import { MINIMAL_GATEWAY_ENV } from '../config/gateway.config.test-data';
import { CONSOLE_CSP, consoleRoot } from './console.static';

describe('the console folder (CONSOLE_DIR)', () => {
  const env = MINIMAL_GATEWAY_ENV;

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
