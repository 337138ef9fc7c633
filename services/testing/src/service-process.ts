import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

/** A port nobody listens on right now, for a service a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface ServiceProcess {
  readonly name: string;
  /** Where its output goes: `.tributary/test-logs/<name>-<pid>.log`. */
  readonly logFile: string;
  /** Its process id, for /proc (CPU, memory) and for signals other than a stop. */
  readonly pid: number | undefined;
  /** Delivers a signal and returns at once (SIGSTOP/SIGCONT to freeze and thaw it). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<void>;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no shutdown hooks. */
  kill(): Promise<void>;
}

/** How `startProcess` runs one service. */
export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Its working directory (default: the repository's root). */
  readonly cwd?: string;
  /** The whole environment of the process. */
  readonly env: NodeJS.ProcessEnv;
  /** The port of its `/health/ready`. */
  readonly httpPort: number;
  /** The path that answers 200 once it serves (default `/health/ready`; ClickHouse: `/ping`). */
  readonly readyPath?: string;
  /**
   * Readiness for a server with no HTTP endpoint (Kafka): resolves true once it serves, given
   * its log file; replaces the HTTP check.
   */
  readonly readyCheck?: (logFile: string) => Promise<boolean>;
  readonly readyTimeoutMs?: number;
  /**
   * Delivers a signal meant for the service. By default the child itself gets it; a launcher
   * that does not forward signals (buildah run) names the process that should.
   */
  readonly signal?: (child: ChildProcess, signal: NodeJS.Signals) => void;
}

/**
 * How one of Tributary's services runs as its own process, exactly as deployed (its `main.ts`),
 * with `env` on top of the test's environment: what `startService` starts, and what a test that
 * restarts a service starts again.
 */
export function serviceSpec(
  name: string,
  env: Record<string, string>,
  httpPort: number,
  { readyTimeoutMs = 60_000 } = {},
): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-r', '@swc-node/register', join(ROOT, 'services', name, 'src', 'main.ts')],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      ...env,
      HTTP_PORT: String(httpPort),
    },
    httpPort,
    readyTimeoutMs,
  };
}

/**
 * Runs one of Tributary's services as its own process (`serviceSpec`) and resolves once
 * `/health/ready` on `httpPort` answers 200. A service that exits or does not become ready fails
 * with the end of its log.
 */
export function startService(
  name: string,
  env: Record<string, string>,
  httpPort: number,
  options: { readyTimeoutMs?: number } = {},
): Promise<ServiceProcess> {
  return startProcess(serviceSpec(name, env, httpPort, options));
}

/**
 * Runs a command that serves `/health/ready` on `spec.httpPort` and resolves once it answers 200;
 * its output goes to `.tributary/test-logs/<name>-<pid>.log`. One that exits or does not become
 * ready fails with the path of that log.
 */
export async function startProcess(spec: ProcessSpec): Promise<ServiceProcess> {
  const { name, httpPort, readyTimeoutMs = 60_000, readyPath = '/health/ready' } = spec;
  const signal = spec.signal ?? ((target, sig) => target.kill(sig));
  const logDir = join(process.env['TRIBUTARY_HOME'] ?? join(ROOT, '.tributary'), 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const child: ChildProcess = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd ?? ROOT,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the test process ends without stopping it (a failed beforeAll, a crash), the service must
  // not outlive it: a stray projector keeps consuming and skews every later run on the machine.
  const reap = () => signal(child, 'SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  const logFile = join(logDir, `${name}-${child.pid ?? 'unknown'}.log`);
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitCode: number | null | undefined;
  void exited.then(() => (exitCode = child.exitCode));

  const end = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal(child, sig);
    const timer = setTimeout(() => signal(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const service: ServiceProcess = {
    name,
    logFile,
    pid: child.pid,
    signal: (sig) => signal(child, sig),
    exited,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };

  try {
    await waitFor(
      `${name} to become ready (log: ${logFile})`,
      async () => {
        if (exitCode !== undefined) throw new Error(`${name} exited with code ${String(exitCode)}`);
        if (spec.readyCheck) return (await spec.readyCheck(logFile)) ? true : undefined;
        const response = await fetch(`http://127.0.0.1:${httpPort}${readyPath}`);
        return response.ok ? true : undefined;
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 250 },
    );
  } catch (error) {
    await service.kill();
    throw error;
  }
  return service;
}
