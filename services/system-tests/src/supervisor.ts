import { readFileSync } from 'node:fs';
import { startProcess, type ProcessSpec, type ServiceProcess } from '@tributary/testing';

/** CPU and memory a process used, summed over every incarnation the supervisor started. */
export interface ProcessUsage {
  readonly cpuSeconds: number;
  /** Highest resident set any incarnation reached (VmHWM), MiB. */
  readonly peakRssMiB: number;
  readonly starts: number;
}

/** CPU seconds (user + system) and VmHWM (MiB) of a live process, from /proc. */
export function procUsage(pid: number): { cpuSeconds: number; peakRssMiB: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return { cpuSeconds, peakRssMiB: hwm ? Number(hwm[1]) / 1024 : 0 };
  } catch {
    return undefined; // exited
  }
}

interface Managed {
  readonly spec: ProcessSpec;
  current: ServiceProcess | undefined;
  /** Usage of incarnations that have ended. */
  cpuDone: number;
  peakRssMiB: number;
  starts: number;
  /** Last sample of the live incarnation (a SIGKILL leaves no time to read it). */
  lastCpu: number;
}

/**
 * Runs the platform's processes — Tributary's services and the stack servers a scenario owns —
 * and crashes, freezes, thaws and restarts them by pid (services/testing's `startProcess`: each
 * waits for its readiness, logs to .tributary/test-logs, dies with the test process). Samples
 * each process's CPU and peak RSS every 250 ms, so the usage of a killed incarnation counts.
 */
export class Supervisor {
  private readonly processes = new Map<string, Managed>();
  private readonly sampler: NodeJS.Timeout;

  constructor() {
    this.sampler = setInterval(() => this.sample(), 250);
    this.sampler.unref();
  }

  /** Starts `spec` under its name and waits until it is ready. */
  async start(spec: ProcessSpec): Promise<ServiceProcess> {
    if (this.processes.get(spec.name)?.current) throw new Error(`${spec.name} is already running`);
    const managed: Managed = this.processes.get(spec.name) ?? {
      spec,
      current: undefined,
      cpuDone: 0,
      peakRssMiB: 0,
      starts: 0,
      lastCpu: 0,
    };
    this.processes.set(spec.name, managed);
    managed.current = await startProcess(managed.spec);
    managed.starts++;
    managed.lastCpu = 0;
    return managed.current;
  }

  process(name: string): ServiceProcess {
    const current = this.processes.get(name)?.current;
    if (!current) throw new Error(`${name} is not running`);
    return current;
  }

  /** SIGKILL: a crash, no shutdown hooks; resolves once it is gone. */
  async kill(name: string): Promise<void> {
    const managed = this.managed(name);
    this.sampleOne(managed);
    await managed.current?.kill();
    this.retire(managed);
  }

  /** SIGSTOP: frozen, its sockets open, answering nothing. */
  freeze(name: string): void {
    this.process(name).signal('SIGSTOP');
  }

  /** SIGCONT after a freeze. */
  thaw(name: string): void {
    this.process(name).signal('SIGCONT');
  }

  /** Starts a stopped or killed process again with the spec it was first started with. */
  async restart(name: string): Promise<ServiceProcess> {
    const managed = this.managed(name);
    if (managed.current) await this.stop(name);
    return this.start(managed.spec);
  }

  /** SIGTERM (after a SIGCONT, in case it is frozen); a clean shutdown. */
  async stop(name: string): Promise<void> {
    const managed = this.managed(name);
    if (!managed.current) return;
    this.sampleOne(managed);
    managed.current.signal('SIGCONT');
    await managed.current.stop();
    this.retire(managed);
  }

  /** Stops everything, the most recently started first. */
  async stopAll(): Promise<void> {
    for (const name of [...this.processes.keys()].reverse()) await this.stop(name);
    clearInterval(this.sampler);
  }

  usage(name: string): ProcessUsage {
    const managed = this.managed(name);
    this.sampleOne(managed);
    return {
      cpuSeconds: managed.cpuDone + (managed.current ? managed.lastCpu : 0),
      peakRssMiB: managed.peakRssMiB,
      starts: managed.starts,
    };
  }

  names(): string[] {
    return [...this.processes.keys()];
  }

  private managed(name: string): Managed {
    const managed = this.processes.get(name);
    if (!managed) throw new Error(`the supervisor never started ${name}`);
    return managed;
  }

  private retire(managed: Managed): void {
    managed.cpuDone += managed.lastCpu;
    managed.lastCpu = 0;
    managed.current = undefined;
  }

  private sample(): void {
    for (const managed of this.processes.values()) this.sampleOne(managed);
  }

  private sampleOne(managed: Managed): void {
    const pid = managed.current?.pid;
    if (pid === undefined) return;
    const usage = procUsage(pid);
    if (!usage) return;
    managed.lastCpu = usage.cpuSeconds;
    managed.peakRssMiB = Math.max(managed.peakRssMiB, usage.peakRssMiB);
  }
}
