import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, type ScenarioResult } from './scenarios/scenario';

/** The fault-free run every fault run is set beside. */
export const BASELINE = 'baseline';

const fixed = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** Whether two runs carried the same load (a ratio of their throughputs means something). */
const sameLoad = (a: ScenarioResult, b: ScenarioResult) =>
  JSON.stringify(a.load ?? null) === JSON.stringify(b.load ?? null);

/** One column per figure, one row per run, the fault-free run first and each ratio to it. */
export function formatReport(results: readonly ScenarioResult[]): string {
  const ordered = [...results].sort((a, b) =>
    a.scenario === BASELINE
      ? -1
      : b.scenario === BASELINE
        ? 1
        : a.scenario.localeCompare(b.scenario),
  );
  const baseline = ordered.find((r) => r.scenario === BASELINE);
  const services = [...new Set(ordered.flatMap((r) => Object.keys(r.usage)))].sort();
  const header = [
    'scenario',
    'scale',
    'acked',
    'events/s',
    '× fault-free',
    'ack p50 ms',
    'ack p99 ms',
    'fresh p50 ms',
    'fresh p99 ms',
    'drained s',
    'lost',
    'dup',
    'phantom',
    'fault',
    ...services.map((s) => `${s} CPU-s/M`),
    ...services.map((s) => `${s} peak MiB`),
  ];
  const rows = ordered.map((r) => {
    const lost = r.check.api.lost.length + r.check.clickhouse.lost.length;
    const dup = r.check.api.duplicated.length + r.check.clickhouse.duplicated.length;
    const phantom = r.check.api.phantom.length + r.check.clickhouse.phantom.length;
    return [
      r.scenario,
      r.scale,
      fixed(r.acknowledged),
      fixed(r.throughputPerS),
      baseline && r !== baseline && sameLoad(r, baseline)
        ? fixed(r.throughputPerS / baseline.throughputPerS, 2)
        : '',
      fixed(r.ackP50Ms),
      fixed(r.ackP99Ms),
      fixed(r.freshnessP50Ms),
      fixed(r.freshnessP99Ms),
      fixed(r.drainedAfterS, 1),
      String(lost),
      String(dup),
      String(phantom),
      Object.entries(r.fault)
        .map(
          ([k, v]) =>
            `${k}=${typeof v === 'number' ? fixed(v, Number.isInteger(v) ? 0 : 1) : String(v)}`,
        )
        .join(' '),
      ...services.map((s) => (r.usage[s] ? fixed(r.usage[s].cpuSecondsPerMillion) : '')),
      ...services.map((s) => (r.usage[s] ? fixed(r.usage[s].peakRssMiB) : '')),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i < 2 || i === 13 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i < 2 || i === 13 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Every result saved on this machine. */
export function savedResults(scale: 'reduced' | 'full', dir = RESULTS_DIR): ScenarioResult[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (f) => f.endsWith(`.${scale}.json`) && !f.endsWith('.figures.json'),
    );
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ScenarioResult);
}

/** The figures of the scenarios that are not load runs, one line each. */
export function savedFigures(scale: 'reduced' | 'full', dir = RESULTS_DIR): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(`.${scale}.figures.json`));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const {
      scenario,
      scale: _scale,
      ...figures
    } = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    void _scale;
    return `${String(scenario)}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')}`;
  });
}

if (require.main === module) {
  const scale = process.argv[2] === 'reduced' ? 'reduced' : 'full';
  const results = savedResults(scale);
  if (results.length === 0) {
    process.stderr.write(`no ${scale} results in ${RESULTS_DIR}: run npm run test:system first\n`);
    process.exit(1);
  }
  const others = savedFigures(scale);
  process.stdout.write(
    `Load report, ${scale} form (${RESULTS_DIR})\n\n${formatReport(results)}\n` +
      (others.length ? `\nOther scenarios:\n${others.map((l) => `- ${l}`).join('\n')}\n` : ''),
  );
}
