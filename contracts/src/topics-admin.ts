import { type Admin } from 'kafkajs';
import { dlqOf, topicConfig, TOPICS, type TopicSpec } from './catalog';

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
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((d) => ({
        topic: d.topic,
        numPartitions: d.partitions,
        replicationFactor,
        configEntries: Object.entries(d.config).map(([name, value]) => ({ name, value })),
      })),
    });
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
