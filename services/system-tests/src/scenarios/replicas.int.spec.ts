import { Random } from '@tributary/testing';
import { Platform, SERVICES } from '../platform';
import { FULL, FULL_LOAD, runScenario } from './scenario';

const PROJECTOR_2 = `${SERVICES.projector}-2`;
const GATEWAY_2 = `${SERVICES.gateway}-2`;

/**
 * Scenario 11. Two analytics-projector replicas share the group and two gateways share the load
 * (the load generator spreads batches over both and, like a load balancer, sends a batch that got
 * no answer to the other). Mid-load one of each is SIGKILLed and left dead: the surviving
 * projector takes the dead one's partitions once its session expires, the surviving gateway takes
 * every batch. Expected: the answers are those of a fault-free run — every acknowledged reading
 * once through the API and in ClickHouse, exact hourly and minute rollups — and no batch is
 * refused (a batch cut off by the dying gateway is retried under its idempotency keys).
 * Full form only: it runs the full load beside the fault-free run.
 */
(FULL ? describe : describe.skip)('scenario 11: one of two replicas killed mid-load', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start({
      name: 'replicas',
      projectorReplicas: 2,
      gatewayReplicas: 2,
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers as the fault-free run does after one projector and one gateway die', async () => {
    const random = new Random(11);
    const { result } = await runScenario(
      {
        name: 'replicas',
        load: { seed: 11, ...FULL_LOAD },
        fault: async ({ platform: p }) => {
          const began = Date.now();
          // A third of the way into the load, at a seeded moment.
          await new Promise((resolve) => setTimeout(resolve, random.int(50_000, 80_000)));
          await p.supervisor.kill(GATEWAY_2);
          await p.supervisor.kill(PROJECTOR_2);
          return {
            killed: `${GATEWAY_2}+${PROJECTOR_2}`,
            killedAfterS: (Date.now() - began) / 1000,
          };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    expect(result.givenUp).toBe(0);
    // Every answer was a 202 or no answer at all (the dead gateway): nothing refused.
    expect(Object.keys(result.statuses).filter((s) => s !== '202' && s !== '0')).toEqual([]);
  });
});
