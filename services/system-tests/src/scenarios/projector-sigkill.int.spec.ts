import { Random } from '@tributary/testing';
import { COMMIT_HELD, inCommitWindow, logMessages, waitForCommitWindow } from '../log-markers';
import { Platform, SERVICES } from '../platform';
import { FULL, FULL_LOAD, runScenario } from './scenario';

/** How long each flush's commit is held: wide enough to aim a SIGKILL at, short enough to run. */
const HOLD_MS = 1_500;

/**
 * Scenario 1. The analytics-projector is SIGKILLed again and again while readings come in, aimed
 * between a flush's ClickHouse insert and its offset commit (the window
 * PROJECTOR_FAULT_COMMIT_HOLD_MS widens; the dead process's log ends with the commit held and
 * never done); in the full form every third kill lands at a seeded random moment instead. Each crash replays what was written but not committed.
 * Expected: 0 lost, 0 duplicated, exact rollups, through the API and in ClickHouse.
 */
describe('scenario 1: analytics-projector SIGKILLed during ingest', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({
      name: 'projector_sigkill',
      projectorEnv: { PROJECTOR_FAULT_COMMIT_HOLD_MS: String(HOLD_MS) },
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('loses nothing and counts nothing twice, with kills between the insert and the commit', async () => {
    // Each SIGKILL stalls the group until the broker expires the dead member's session
    // (KAFKA_SESSION_TIMEOUT_MS, 10 s): the reduced form kills twice, both in the commit window,
    // the full form six times.
    const kills = FULL ? 6 : 2;
    const random = new Random(1);
    const { result } = await runScenario(
      {
        name: 'projector-sigkill',
        load: FULL
          ? { seed: 1, ...FULL_LOAD }
          : {
              seed: 1,
              readings: 24_000,
              sensors: 20,
              batchSize: 200,
              concurrency: 2,
              batchesPerSecond: 2,
            },
        fault: async ({ platform: p, loading }) => {
          let inWindow = 0;
          let aimedMissed = 0;
          let atRandom = 0;
          // Kill → the restarted projector's first flush written: how long its partitions stalled.
          const stalls: Promise<number | undefined>[] = [];
          const ready: number[] = [];
          for (let k = 0; k < kills && loading(); k++) {
            const projector = p.supervisor.process(SERVICES.projector);
            if (FULL && k % 3 === 2) {
              await new Promise((resolve) => setTimeout(resolve, random.int(300, 3_000)));
              await p.supervisor.kill(SERVICES.projector);
              atRandom++;
            } else {
              const held = await waitForCommitWindow(projector.logFile, 30_000, loading);
              await p.supervisor.kill(SERVICES.projector);
              // The log of the dead process ends inside the window: written, never committed.
              if (held && inCommitWindow(projector.logFile)) inWindow++;
              else aimedMissed++;
            }
            const killedAt = Date.now();
            const next = await p.supervisor.restart(SERVICES.projector);
            ready.push(Date.now() - killedAt);
            stalls.push(firstFlushAfter(next.logFile, killedAt));
          }
          const stalled = (await Promise.all(stalls)).filter((s): s is number => s !== undefined);
          return {
            kills: inWindow + aimedMissed + atRandom,
            killsInCommitWindow: inWindow,
            aimedMissed,
            atRandom,
            readyMaxS: Math.max(...ready) / 1000,
            stallMaxS: Math.max(...stalled) / 1000,
            stallMeanS: stalled.reduce((a, b) => a + b, 0) / Math.max(1, stalled.length) / 1000,
          };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    expect(result.fault['killsInCommitWindow']).toBeGreaterThanOrEqual(1);
    expect(result.check.api.lost).toEqual([]);
    expect(result.check.clickhouse.duplicated).toEqual([]);
  });
});

/** Ms from `since` until the log shows a flush written (undefined if none within 120 s). */
async function firstFlushAfter(logFile: string, since: number): Promise<number | undefined> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (logMessages(logFile).includes(COMMIT_HELD)) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
