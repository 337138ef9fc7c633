import { Random } from '@tributary/testing';
import { Platform } from '../platform';
import { privateClickHouse } from '../private-clickhouse';
import { FULL, FULL_LOAD, runScenario } from './scenario';

/**
 * Scenario 2. ClickHouse itself is SIGKILLed several times while readings come in (a server of
 * the scenario's own, so the other projects' tests keep theirs), down for a seeded 1–3 s each
 * time, then started again on the same data. The projector's inserts fail and are retried;
 * nothing is committed that was not written. Expected: every acknowledged reading once, exact
 * rollups, and the lag drains afterwards.
 */
describe('scenario 2: ClickHouse SIGKILLed during ingest', () => {
  let platform: Platform;
  let serverName = '';

  beforeAll(async () => {
    const server = await privateClickHouse('clickhouse-sigkill');
    serverName = server.spec.name;
    platform = await Platform.start({ name: 'clickhouse_sigkill', clickhouseServer: server });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('loses nothing and counts nothing twice, and the lag drains', async () => {
    const kills = FULL ? 5 : 2;
    const random = new Random(2);
    const { result } = await runScenario(
      {
        name: 'clickhouse-sigkill',
        load: FULL
          ? { seed: 2, ...FULL_LOAD }
          : {
              seed: 2,
              readings: 12_000,
              sensors: 20,
              batchSize: 200,
              concurrency: 2,
              batchesPerSecond: 4,
            },
        fault: async ({ platform: p, loading }) => {
          let done = 0;
          let downMs = 0;
          for (let k = 0; k < kills && loading(); k++) {
            await new Promise((resolve) => setTimeout(resolve, random.int(1_500, 4_000)));
            await p.supervisor.kill(serverName);
            const down = random.int(1_000, 3_000);
            await new Promise((resolve) => setTimeout(resolve, down));
            const restarted = Date.now();
            await p.supervisor.restart(serverName);
            downMs += down + (Date.now() - restarted);
            done++;
          }
          return { kills: done, clickhouseDownS: downMs / 1000 };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    expect(result.fault['kills']).toBe(kills);
  });
});
