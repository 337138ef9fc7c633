import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type ProcessSpec } from '@tributary/testing';

const ROOT = join(__dirname, '..', '..', '..');

/** A ClickHouse server of a scenario's own, which it may kill without touching the shared stack. */
export interface PrivateClickHouse {
  readonly spec: ProcessSpec;
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/** Fills the stack's `@@NAME@@` placeholders, as scripts/stack/lib.sh's `render` does. */
export function render(template: string, values: Record<string, string>): string {
  return readFileSync(template, 'utf8').replace(/@@([A-Z0-9_]+)@@/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unset template variable ${name} in ${template}`);
    return value;
  });
}

/**
 * The stack's own ClickHouse (Debian's 18.16, deploy/clickhouse's config and users), on free
 * ports with a data folder under .tributary/system-tests: scenarios 2 and 7 crash and slow it
 * while the other projects' tests use the shared one. Its data survives a restart, like a real
 * server's.
 */
export async function privateClickHouse(name: string): Promise<PrivateClickHouse> {
  const home = join(
    process.env['TRIBUTARY_HOME'] ?? join(ROOT, '.tributary'),
    'system-tests',
    name,
  );
  const data = join(home, 'data');
  const conf = join(home, 'conf');
  for (const dir of ['tmp', 'user_files', 'format_schemas'])
    mkdirSync(join(data, dir), { recursive: true });
  mkdirSync(conf, { recursive: true });
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const password = randomBytes(12).toString('hex');
  const values = {
    TRIBUTARY_CLICKHOUSE_HTTP_PORT: String(httpPort),
    TRIBUTARY_CLICKHOUSE_TCP_PORT: String(tcpPort),
    CLICKHOUSE_DATA: data,
    CLICKHOUSE_CONF: conf,
    CLICKHOUSE_PASSWORD: password,
    // The API's read-only user, which the template defines too; the scenarios read as `tributary`.
    CLICKHOUSE_API_PASSWORD: randomBytes(12).toString('hex'),
  };
  writeFileSync(
    join(conf, 'config.xml'),
    render(join(ROOT, 'deploy/clickhouse/config.xml'), values),
  );
  writeFileSync(join(conf, 'users.xml'), render(join(ROOT, 'deploy/clickhouse/users.xml'), values));
  chmodSync(join(conf, 'users.xml'), 0o600);
  return {
    spec: {
      name: `clickhouse-${name}`,
      command: '/usr/sbin/clickhouse-server',
      args: [`--config-file=${join(conf, 'config.xml')}`],
      // The server writes preprocessed copies of its config beside it, from its working folder.
      cwd: conf,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      httpPort,
      readyPath: '/ping',
      readyTimeoutMs: 60_000,
    },
    url: `http://127.0.0.1:${httpPort}`,
    user: 'tributary',
    password,
  };
}
