/**
 * The CPU the stack's processes have used, from /proc (so a benchmark must run on the machine
 * that runs the stack): how the benchmarks charge a row's cost to each server and service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const runDir = join(__dirname, '..', '..', '.tributary', 'stack', 'run');

/** The pid of a stack server or service, by the name of its pid file (`<pid> <start time>`). */
export function pidOf(name: string): string | undefined {
  const file = join(runDir, `${name}.pid`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(' ')[0] : undefined;
}

/** CPU seconds (user + system) a process has used so far; Linux clock ticks are 1/100 s. */
export function cpuSecondsOf(name: string): number | undefined {
  const pid = pidOf(name);
  if (!pid) return undefined;
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined; // not running
  }
}

/** A command-line option that must be a whole number ≥ 1, or an error naming it. */
export function wholeOption(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}
