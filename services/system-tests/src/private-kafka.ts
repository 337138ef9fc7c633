import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type ProcessSpec } from '@tributary/testing';
import { render } from './private-clickhouse';

const ROOT = join(__dirname, '..', '..', '..');
const HOME = process.env['TRIBUTARY_HOME'] ?? join(ROOT, '.tributary');

/** A Kafka broker of a scenario's own, which it may kill without touching the shared stack. */
export interface PrivateKafka {
  readonly spec: ProcessSpec;
  readonly brokers: string;
}

/** The Kafka the stack runs (deploy/kafka/pom.xml's version, fetched by scripts/stack/up.sh). */
function kafkaLibs(): string {
  const pom = readFileSync(join(ROOT, 'deploy/kafka/pom.xml'), 'utf8');
  const version = /<kafka\.version>(.+)<\/kafka\.version>/.exec(pom)?.[1];
  const libs = join(HOME, 'toolchain', `kafka-${version}`, 'libs');
  if (!version || !existsSync(libs))
    throw new Error(`no Kafka jars in ${libs}: run scripts/stack/up.sh`);
  return libs;
}

/**
 * The stack's Kafka (its jars, deploy/kafka's server.properties: one KRaft node, broker and
 * controller) on free ports with its log under .tributary/system-tests, formatted on first use,
 * and every catalog topic provisioned on it (the schema registry stays the stack's: it keeps its
 * schemas in Postgres). Scenario 3 kills it while the shared broker serves everyone else.
 */
export async function privateKafka(name: string): Promise<PrivateKafka> {
  const home = join(HOME, 'system-tests', name);
  const logDir = join(home, 'kafka-logs');
  const conf = join(home, 'server.properties');
  mkdirSync(home, { recursive: true });
  const [port, controllerPort] = [await freePort(), await freePort()];
  writeFileSync(
    conf,
    render(join(ROOT, 'deploy/kafka/server.properties'), {
      TRIBUTARY_KAFKA_PORT: String(port),
      TRIBUTARY_KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_LOG_DIR: logDir,
    }),
  );
  const libs = kafkaLibs();
  const classpath = `${libs}/*`;
  const log4j = join(HOME, 'stack', 'conf', 'kafka-log4j.properties');
  // A fresh log each time: the ports (part of its controller quorum) are new each run.
  execFileSync('rm', ['-rf', logDir]);
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync(
    'java',
    [
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '--config',
      conf,
      '--cluster-id',
      clusterId,
    ],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`formatting Kafka's storage failed: ${format.stderr}`);
  return {
    spec: {
      name: `kafka-${name}`,
      command: 'java',
      args: [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        classpath,
        'kafka.Kafka',
        conf,
      ],
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' },
      httpPort: port,
      // Once unfenced it takes produce requests; the log of this incarnation says so.
      readyCheck: async (logFile) => readFileSync(logFile, 'utf8').includes('Kafka Server started'),
      readyTimeoutMs: 120_000,
    },
    brokers: `127.0.0.1:${port}`,
  };
}

/** Creates every catalog topic (and its dead-letter twin) on `brokers`, as `npm test` does. */
export function provisionTopics(brokers: string): void {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'services/platform/src/tools/provision.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: brokers,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`provisioning ${brokers} failed: ${result.stderr}`);
}
