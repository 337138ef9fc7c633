import { loadConfig, clickHouseConfigSchema } from '@tributary/platform';
import { FaultProxy } from '../fault-proxy';
import { Platform } from '../platform';
import { FULL, FULL_LOAD, runScenario } from './scenario';

/**
 * Scenario 7. ClickHouse turns slow — every chunk each way delayed 250 ms by a fault proxy between
 * it and the projector and gateway — for a minute of the load (10 s reduced), then recovers.
 * What Tributary does, stated: ingest does not shed; readings go to Kafka, which holds them, so
 * every reading is still acknowledged, the projector's lag grows and its memory stays bounded
 * (it holds at most twice PROJECTOR_MAX_CHUNK rows plus a chunk: its peak RSS is in the load
 * report beside the fault-free run's), and the lag drains once ClickHouse is fast again.
 * Full form only (`npm run test:system`).
 */
(FULL ? describe : describe.skip)('scenario 7: ClickHouse slow during ingest', () => {
  let platform: Platform;
  let proxy: FaultProxy;

  beforeAll(async () => {
    const stack = loadConfig(clickHouseConfigSchema, process.env);
    const url = new URL(stack.CLICKHOUSE_URL);
    proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port) });
    platform = await Platform.start({
      name: 'clickhouse_slow',
      clickhouse: {
        url: `http://127.0.0.1:${proxy.port}`,
        user: stack.CLICKHOUSE_USER,
        password: stack.CLICKHOUSE_PASSWORD,
      },
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
  });

  it('keeps acknowledging, stays bounded, and drains once ClickHouse is fast again', async () => {
    const slowMs = FULL ? 60_000 : 10_000;
    const { result } = await runScenario(
      {
        name: 'clickhouse-slow',
        load: { seed: 7, ...FULL_LOAD },
        fault: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          proxy.set({ kind: 'latency', ms: 250 });
          await new Promise((resolve) => setTimeout(resolve, slowMs));
          proxy.set({ kind: 'pass' });
          return { slowS: slowMs / 1000, latencyMs: 250, connections: proxy.accepted };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    // Nothing was shed: every batch was acknowledged at its first or a retried attempt.
    expect(Object.keys(result.statuses)).toEqual(['202']);
  });
});
