/**
 * Where a process spent its CPU: reads V8 `.cpuprofile` files (a service started with
 * `NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"` writes one when it exits) and prints the self
 * time of the top functions and of each package, as a share of the samples that were not idle.
 *
 *   bash scripts/run-ts.sh scripts/bench/cpu-profile-top.ts [--from-s=N] DIR/CPU.*.cpuprofile [TOP]
 *
 * --from-s=N counts only the samples from the Nth second of the profile on, so the start-up's
 * module loading does not hide the load's costs (the per-second busy line shows where it began).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a frame belongs to: its npm package, node's own code, or the file of ours it is in. */
function areaOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  if (url === '') return '(V8 / native)';
  return url.replace(/^.*\/(contracts|services|scripts)\//, '$1/');
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function report(file: string, top: number, fromS: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const second = (i: number) => Math.floor(at[i]! / 1e6);
  const at: number[] = [];
  profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0);
  // Busy microseconds per second of the profile, to find the seconds the load ran in.
  const busyPerSecond = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    busyPerSecond.set(second(i), (busyPerSecond.get(second(i)) ?? 0) + profile.timeDeltas[i]!);
  });
  const loaded = (i: number) => second(i) >= fromS;
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (loaded(i)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    const name = functionName || '(anonymous)';
    const where = IDLE.has(name) ? name : areaOf(url);
    const fn = IDLE.has(name) ? name : `${name} ${where}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    if (name === '(idle)') continue;
    // GC and (program) are CPU the process spent, so they count towards busy time.
    busy += us;
    areas.set(where, (areas.get(where) ?? 0) + us);
  }
  const timeline = [...busyPerSecond].sort((a, b) => a[0] - b[0]);
  console.log(
    `busy per second: ${timeline.map(([s, us]) => `${s}:${Math.round(us / 1e4)}%`).join(' ')}`,
  );
  const line = (us: number, label: string) =>
    `${(us / 1e3).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${label}`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)`,
  );
  console.log('by package or file:');
  for (const [area, us] of sorted(areas)) console.log(line(us, area));
  console.log('by function (self time):');
  for (const [fn, us] of sorted(functions)) if (fn !== '(idle)') console.log(line(us, fn));
}

const args = process.argv.slice(2);
const from = /^--from-s=(\d+)$/.exec(args[0] ?? '');
if (from) args.shift();
const top = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 25;
for (const file of args) report(file, top, Number(from?.[1] ?? 0));
