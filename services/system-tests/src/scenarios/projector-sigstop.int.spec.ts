import { type Kafka } from 'kafkajs';
import { logMessages } from '../log-markers';
import { Platform, SERVICES, TELEMETRY_TOPICS } from '../platform';
import { privateKafka } from '../private-kafka';
import { FULL, FULL_LOAD, runScenario } from './scenario';

const FROZEN = `${SERVICES.projector}-2`;

/** Committed offsets of `group`, per `topic/partition`. */
async function committed(kafka: Kafka, group: string): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, bigint>();
    for (const { topic, partitions } of await admin.fetchOffsets({
      groupId: group,
      topics: TELEMETRY_TOPICS,
    }))
      for (const { partition, offset } of partitions)
        if (offset !== '-1') out.set(`${topic}/${partition}`, BigInt(offset));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Scenario 4. Two analytics-projector replicas share the group; one is frozen (SIGSTOP) for longer
 * than its session timeout (KAFKA_SESSION_TIMEOUT_MS, 10 s) while readings come in, so the broker hands its
 * partitions to the other, which projects and commits them; then it is thawed (SIGCONT) holding
 * chunks it flushed or was about to. Expected: the stale member commits nothing over the new
 * owner's offsets — sampled every 250 ms, no committed offset ever moves backwards — its late
 * writes are harmless (ClickHouse keeps one row per key; minutes are recomputed from FINAL), and
 * the check is exact. Full form only (`npm run test:system`): the freeze alone takes 25 s.
 */
(FULL ? describe : describe.skip)('scenario 4: a projector frozen past its session timeout', () => {
  let platform: Platform;

  beforeAll(async () => {
    // A broker of its own: the committed offsets it samples are then the run's alone, and the
    // group's members project nothing any other run publishes meanwhile.
    platform = await Platform.start({
      name: 'projector_sigstop',
      projectorReplicas: 2,
      kafkaServer: await privateKafka('projector-sigstop'),
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('commits nothing stale, and the check is exact', async () => {
    const backwards: string[] = [];
    let samples = 0;
    const { result } = await runScenario(
      {
        name: 'projector-sigstop',
        load: { seed: 4, ...FULL_LOAD },
        fault: async ({ platform: p, loading }) => {
          let watching = true;
          const watch = (async () => {
            let last = new Map<string, bigint>();
            while (watching) {
              const now = await committed(p.kafka, p.group);
              samples++;
              for (const [key, offset] of now)
                if (offset < (last.get(key) ?? 0n))
                  backwards.push(`${key}: ${last.get(key)} → ${offset}`);
              last = new Map([...last, ...now]);
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
          })();
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          p.supervisor.freeze(FROZEN);
          const frozenAt = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 25_000));
          p.supervisor.thaw(FROZEN);
          const frozenS = (Date.now() - frozenAt) / 1000;
          while (loading()) await new Promise((resolve) => setTimeout(resolve, 500));
          watching = false;
          await watch;
          const log = logMessages(p.supervisor.process(FROZEN).logFile);
          return {
            frozenS,
            offsetSamples: samples,
            offsetsBackwards: backwards.length,
            staleCommitsRefused: log.filter((m) => m.includes('commit refused')).length,
          };
        },
      },
      platform,
    );
    expect(backwards).toEqual([]);
    expect(samples).toBeGreaterThan(10);
    expect(result.check.ok).toBe(true);
  });
});
