import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, type ServiceProcess } from '@tributary/testing';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** What deploy/images/lib.sh says: the units, their image names and the image storage. */
export interface ImageSettings {
  readonly units: readonly string[];
  readonly images: Readonly<Record<string, string>>;
  readonly containerFlags: readonly string[];
}

export function imageSettings(): ImageSettings {
  const result = spawnSync('bash', [join(ROOT, 'deploy/images/settings.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`deploy/images/settings.sh failed: ${result.stderr}`);
  const raw = JSON.parse(result.stdout) as {
    units: string[];
    images: string[];
    containerFlags: string[];
  };
  const images = Object.fromEntries(raw.images.map((pair) => pair.split('=') as [string, string]));
  return { units: raw.units, images, containerFlags: raw.containerFlags };
}

/** A bind mount: a host folder at a path inside the container. */
export interface Volume {
  readonly host: string;
  readonly container: string;
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly volumes?: readonly Volume[];
}

/** The outcome of a one-shot entry point (provision, migrate). */
export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/**
 * A working container of one unit's image, whose entry point runs from the image's own filesystem
 * with `buildah run --isolation chroot --network host`: this machine has no container runtime
 * that can start it (crun cannot set its rlimits here), and chroot isolation is what buildah's
 * own RUN steps use. The container is the image's filesystem and config (CMD, user, working
 * folder, environment), so what runs is what a pod runs.
 */
export class ImageContainer {
  private constructor(
    private readonly settings: ImageSettings,
    readonly unit: string,
    readonly id: string,
    /** The image's CMD: its entry point. */
    readonly entryPoint: readonly string[],
  ) {}

  static async create(
    settings: ImageSettings,
    unit: string,
    name: string,
  ): Promise<ImageContainer> {
    const image = settings.images[unit];
    if (!image) throw new Error(`no image for unit "${unit}"`);
    const buildah = (...args: string[]) =>
      run('buildah', [...settings.containerFlags, ...args], { encoding: 'utf8' });
    const { stdout: id } = await buildah('from', '--pull-never', '--quiet', '--name', name, image);
    // buildah 1.28's --format has no json function: the whole description is JSON already.
    const { stdout: inspected } = await buildah('inspect', id.trim());
    const config = (JSON.parse(inspected) as { OCIv1: { config: { Cmd: string[] } } }).OCIv1.config;
    return new ImageContainer(settings, unit, id.trim(), config.Cmd);
  }

  /** buildah's arguments to run `args` (the entry point when none) in this container. */
  private runArgs(options: RunOptions, args: readonly string[]): string[] {
    return [
      ...this.settings.containerFlags,
      'run',
      '--isolation',
      'chroot',
      '--network',
      'host',
      ...Object.entries(options.env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
      ...(options.volumes ?? []).flatMap((v) => ['--volume', `${v.host}:${v.container}`]),
      this.id,
      '--',
      ...(args.length > 0 ? args : this.entryPoint),
    ];
  }

  /** Runs a one-shot command of the entry point (`migrate`) or the entry point itself to its end. */
  async runOnce(options: RunOptions, extraArgs: readonly string[] = []): Promise<RunResult> {
    const args = this.runArgs(options, [...this.entryPoint, ...extraArgs]);
    const result = spawnSync('buildah', args, { encoding: 'utf8', timeout: 180_000 });
    return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  }

  /** Starts the entry point as a service and resolves once its /health/ready answers. */
  start(options: RunOptions, httpPort: number): Promise<ServiceProcess> {
    return startProcess({
      name: `image-${this.unit}`,
      command: 'buildah',
      args: this.runArgs(options, this.entryPoint),
      env: process.env,
      httpPort,
      readyTimeoutMs: 120_000,
      signal: signalContainedProcess,
    });
  }

  async remove(): Promise<void> {
    await run('buildah', [...this.settings.containerFlags, 'rm', this.id]).catch(() => undefined);
  }
}

/** Each process's parent, read from /proc. */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may contain spaces: the fields follow the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we read.
    }
  }
  return parentOf;
}

/**
 * buildah run does not forward signals: a SIGTERM to it kills the contained process outright, so
 * a service would never run its shutdown hooks. The service is the deepest process under buildah
 * (buildah → chroot runtime → chroot exec → node): SIGTERM goes there. SIGKILL goes to the whole
 * tree, so nothing outlives a failed check.
 */
function signalContainedProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  const parentOf = parents();
  const tree = [child.pid];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  const leaves = tree.filter((pid) => ![...parentOf.values()].includes(pid));
  for (const pid of signal === 'SIGKILL' ? tree.reverse() : leaves) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
