import { Platform } from '../platform';
import { privateKafka } from '../private-kafka';
import { FULL, FULL_LOAD, runScenario } from './scenario';

/**
 * Scenario 3. The Kafka broker — one of the scenario's own, so the shared one keeps serving the
 * other tests — is SIGKILLed during ingest, kept down a while, and started again on the same log.
 * Expected: while it is down, the gateway answers 503 with `Retry-After` (every non-2xx the load
 * saw carried one); no 2xx for a reading Kafka did not keep — every acknowledged reading is
 * found, once, through the API and in ClickHouse; readings sent again after a 503 are stored
 * once (their idempotency keys). Full form only (`npm run test:system`): a broker of its own
 * costs a JVM and ~30 s to start.
 */
(FULL ? describe : describe.skip)('scenario 3: the Kafka broker SIGKILLed during ingest', () => {
  let platform: Platform;
  let brokerName = '';

  beforeAll(async () => {
    const broker = await privateKafka('kafka-sigkill');
    brokerName = broker.spec.name;
    platform = await Platform.start({ name: 'kafka_sigkill', kafkaServer: broker });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers 503 with Retry-After while Kafka is down and loses no acknowledged reading', async () => {
    const { result } = await runScenario(
      {
        name: 'kafka-sigkill',
        // A platform that never recovers must end the run, not hang it.
        load: { seed: 3, ...FULL_LOAD, giveUpAfterMs: 180_000 },
        fault: async ({ platform: p }) => {
          await new Promise((resolve) => setTimeout(resolve, 20_000));
          await p.supervisor.kill(brokerName);
          const killedAt = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 10_000));
          await p.supervisor.restart(brokerName);
          return { kills: 1, kafkaDownS: (Date.now() - killedAt) / 1000 };
        },
      },
      platform,
    );
    expect(result.check.ok).toBe(true);
    expect(result.withoutRetryAfter).toBe(0);
    expect(result.givenUp).toBe(0);
    // The outage was seen by clients, as 503s (not 500s, not hangs).
    expect(result.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(result.statuses).filter((s) => s !== '202' && s !== '503')).toEqual([]);
  });
});
