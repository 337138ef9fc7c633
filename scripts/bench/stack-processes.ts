/**
 * The CPU the stack's processes have used, from /proc (so a benchmark must run on the machine
 * that runs the stack): how the benchmarks charge a row's cost to each server and service.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const runDir = join(__dirname, '..', '..', '.tributary', 'stack', 'run');

/** The pid of a stack server or service, by the name of its pid file (`<pid> <start time>`). */
export function pidOf(name: string): string | undefined {
  const file = join(runDir, `${name}.pid`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(' ')[0] : undefined;
}

/** /proc/<pid>/stat's fields after the command name (which may hold spaces), or undefined. */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // not running
  }
}

/**
 * CPU seconds (user + system) a stack server or service has used so far, with its child
 * processes' (Postgres serves each connection in a child: counted live, and once they exited,
 * through the parent's waited-for children's time). Linux clock ticks are 1/100 s.
 */
export function cpuSecondsOf(name: string): number | undefined {
  const pid = pidOf(name);
  if (!pid) return undefined;
  const own = statFields(pid);
  if (!own) return undefined;
  // Fields counted from the state (field 3): utime 14, stime 15, cutime 16, cstime 17; ppid 4.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || entry === pid) continue;
    const fields = statFields(entry);
    if (fields?.[1] === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** CPU seconds each of `names` has used so far (those running), by name. */
export function cpuSecondsOfEach(names: readonly string[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const name of names) {
    const seconds = cpuSecondsOf(name);
    if (seconds !== undefined) used.set(name, seconds);
  }
  return used;
}

/**
 * µs of CPU per unit of work (a row, a reading) each process spent between two readings of
 * `cpuSecondsOfEach`, largest first, those under `atLeastUs` left out.
 */
export function cpuPerUnit(
  before: Map<string, number>,
  after: Map<string, number>,
  units: number,
  atLeastUs: number,
): { name: string; us: number }[] {
  return [...after]
    .map(([name, seconds]) => ({ name, us: ((seconds - (before.get(name) ?? 0)) / units) * 1e6 }))
    .filter((p) => p.us >= atLeastUs)
    .sort((a, b) => b.us - a.us);
}

/** A command-line option that must be a whole number ≥ 1, or an error naming it. */
export function wholeOption(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}
