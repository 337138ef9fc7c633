import { type Admin, type ITopicConfig } from 'kafkajs';
import { dlqOf, topicConfig, TOPICS, type TopicSpec } from './catalog';
import { backoffMs } from './errors';

/** What a broker answers for a moment after it says a topic exists (longer when it is busy). */
const NOT_READY_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates `topics` and waits until every partition of each has a leader, so a producer or
 * consumer started next finds them. kafkajs' own `waitForLeaders` retries "leader not available"
 * only, and gives up on the "unknown topic" a busy broker answers first; this waits out both,
 * with backoff, for at most `timeoutMs`.
 */
export async function createTopicsWithLeaders(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 60_000,
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const led = metadata.topics.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (led && metadata.topics.length === names.length) return;
    } catch (error) {
      if (!NOT_READY_YET.has(String((error as { type?: unknown }).type))) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${names.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) =>
      setTimeout(resolve, backoffMs(attempt, { initialMs: 50, maxMs: 2_000 })),
    );
  }
}

export interface EnsureTopicsResult {
  created: string[];
  reconfigured: string[];
  repartitioned: string[];
  unchanged: string[];
}

interface Desired {
  topic: string;
  partitions: number;
  config: Record<string, string>;
}

function desiredTopics(specs: readonly TopicSpec[]): Desired[] {
  return specs.flatMap((spec) => [
    { topic: spec.topic, partitions: spec.partitions, config: topicConfig(spec) },
    // The DLQ has the source's partition count so a dead letter keeps its key's partition.
    { topic: dlqOf(spec.topic), partitions: spec.partitions, config: topicConfig(spec, true) },
  ]);
}

/**
 * Creates every catalog topic and its DLQ, or brings an existing one in line: configs are set to
 * the catalog's, partitions only ever grow (Kafka cannot shrink them, and growing moves keys, so
 * it is reported). Safe to run on every start and deploy.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[] = TOPICS,
  replicationFactor = 1,
): Promise<EnsureTopicsResult> {
  const desired = desiredTopics(specs);
  const existing = new Set(await admin.listTopics());
  const result: EnsureTopicsResult = {
    created: [],
    reconfigured: [],
    repartitioned: [],
    unchanged: [],
  };

  const missing = desired.filter((d) => !existing.has(d.topic));
  if (missing.length > 0) {
    await createTopicsWithLeaders(
      admin,
      missing.map((d) => ({
        topic: d.topic,
        numPartitions: d.partitions,
        replicationFactor,
        configEntries: Object.entries(d.config).map(([name, value]) => ({ name, value })),
      })),
    );
    result.created.push(...missing.map((d) => d.topic));
  }

  const present = desired.filter((d) => existing.has(d.topic));
  if (present.length === 0) return result;

  const metadata = await admin.fetchTopicMetadata({ topics: present.map((d) => d.topic) });
  const grow = present.filter((d) => {
    const current = metadata.topics.find((t) => t.name === d.topic)?.partitions.length ?? 0;
    return current < d.partitions;
  });
  if (grow.length > 0) {
    await admin.createPartitions({
      topicPartitions: grow.map((d) => ({ topic: d.topic, count: d.partitions })),
    });
    result.repartitioned.push(...grow.map((d) => d.topic));
  }

  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((d) => ({ type: 2 /* TOPIC */, name: d.topic })),
  });
  for (const d of present) {
    const entries =
      described.resources.find((r) => r.resourceName === d.topic)?.configEntries ?? [];
    const drift = Object.entries(d.config).some(
      ([name, value]) => entries.find((e) => e.configName === name)?.configValue !== value,
    );
    if (drift) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2,
            name: d.topic,
            configEntries: Object.entries(d.config).map(([name, value]) => ({ name, value })),
          },
        ],
      });
      result.reconfigured.push(d.topic);
    } else if (!grow.includes(d)) {
      result.unchanged.push(d.topic);
    }
  }
  return result;
}
