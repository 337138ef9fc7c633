import { formatReport } from './load-report';
import { type ScenarioResult } from './scenarios/scenario';

const findings = {
  seen: 10,
  lost: [],
  duplicated: [],
  phantom: [],
  wrongValues: [],
  unacknowledgedStored: 0,
};

const result = (scenario: string, throughputPerS: number, lost: string[] = []): ScenarioResult => ({
  scenario,
  scale: 'full',
  finishedAt: '2026-12-07T00:00:00.000Z',
  load: { readings: 3_000, sensors: 10, batchSize: 1_000, concurrency: 1 },
  acknowledged: 3_000,
  loadSeconds: 3,
  throughputPerS,
  ackP50Ms: 12,
  ackP99Ms: 80,
  freshnessP50Ms: 900,
  freshnessP99Ms: 1_900,
  drainedAfterS: 4.25,
  statuses: { 202: 3 },
  withoutRetryAfter: 0,
  givenUp: 0,
  usage: { gateway: { cpuSeconds: 3, peakRssMiB: 300.4, starts: 1, cpuSecondsPerMillion: 1_000 } },
  fault: scenario === 'baseline' ? {} : { kills: 2 },
  check: {
    acknowledged: 3_000,
    ledgerConflicts: 0,
    api: { ...findings, lost },
    clickhouse: findings,
    apiRollups: [],
    storedRollups: [],
    redeliveredRows: 0,
    ok: lost.length === 0,
  },
});

describe('the load report', () => {
  it('puts the fault-free run first and each fault run beside it, as a ratio of its throughput', () => {
    const other = {
      ...result('replay', 3_000),
      load: { ...result('replay', 1).load, readings: 9 },
    };
    const table = formatReport([
      result('projector-sigkill', 850, ['r1']),
      result('baseline', 1_000),
      other,
    ]);
    const rows = table.split('\n').map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .slice(1, -1),
    );
    expect(rows[0]!.slice(0, 5)).toEqual([
      'scenario',
      'scale',
      'acked',
      'events/s',
      '× fault-free',
    ]);
    expect(rows[2]!.slice(0, 5)).toEqual(['baseline', 'full', '3,000', '1,000', '']);
    expect(rows[3]!.slice(0, 5)).toEqual(['projector-sigkill', 'full', '3,000', '850', '0.85']);
    // lost, duplicated, phantom, the fault's figures, then CPU-seconds per million and peak RSS.
    expect(rows[3]!.slice(10)).toEqual(['1', '0', '0', 'kills=2', '1,000', '300']);
    // A run of another load is listed, not compared.
    expect(rows[4]!.slice(0, 5)).toEqual(['replay', 'full', '3,000', '3,000', '']);
  });
});
