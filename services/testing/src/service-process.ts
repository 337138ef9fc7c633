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
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no shutdown hooks. */
  kill(): Promise<void>;
}

/**
 * Runs one of Tributary's services as its own process, exactly as deployed (its `main.ts`), with
 * `env` on top of the test's environment, and resolves once `/health/ready` on `httpPort` answers
 * 200. A service that exits or does not become ready fails with the end of its log.
 */
export async function startService(
  name: string,
  env: Record<string, string>,
  httpPort: number,
  { readyTimeoutMs = 60_000 } = {},
): Promise<ServiceProcess> {
  const logDir = join(process.env['TRIBUTARY_HOME'] ?? join(ROOT, '.tributary'), 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, 'services', name, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
        ...env,
        HTTP_PORT: String(httpPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // If the test process ends without stopping it (a failed beforeAll, a crash), the service must
  // not outlive it: a stray projector keeps consuming and skews every later run on the machine.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  const logFile = join(logDir, `${name}-${child.pid ?? 'unknown'}.log`);
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitCode: number | null | undefined;
  void exited.then(() => (exitCode = child.exitCode));

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const service: ServiceProcess = {
    name,
    logFile,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };

  try {
    await waitFor(
      `${name} to become ready (log: ${logFile})`,
      async () => {
        if (exitCode !== undefined) throw new Error(`${name} exited with code ${String(exitCode)}`);
        const response = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);
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
