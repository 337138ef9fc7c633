import { randomBytes } from 'node:crypto';
import { type Consumer, type Kafka, type KafkaMessage } from 'kafkajs';

export interface TopicPosition {
  readonly topic: string;
  readonly offsets: readonly { partition: number; offset: string }[];
}

/** Where each partition of `topic` ends now: read from here to see only what comes next. */
export async function topicEnd(kafka: Kafka, topic: string): Promise<TopicPosition> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return { topic, offsets: offsets.map(({ partition, offset }) => ({ partition, offset })) };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from a recorded position, so a test sees what it published and nothing before:
 * reading a shared catalog topic from the beginning takes longer the more a machine has used it.
 * Disconnect the returned consumer when done.
 */
export async function readFrom(
  kafka: Kafka,
  position: TopicPosition,
  eachMessage: (message: KafkaMessage) => Promise<void>,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic: position.topic, fromBeginning: true });
  await consumer.run({ eachMessage: ({ message }) => eachMessage(message) });
  for (const { partition, offset } of position.offsets) {
    consumer.seek({ topic: position.topic, partition, offset });
  }
  return consumer;
}

/**
 * Moves a (stopped) consumer group to the end of its topics, so a service started with it next
 * consumes only what the test publishes from then on — not what an earlier, aborted run left
 * uncommitted on a fixed group.
 */
export async function skipToEnd(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets: { topic: string; partition: number; offset: string }[] = [];
  try {
    for (const topic of topics)
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        offsets.push({ topic, partition, offset: high });
  } finally {
    await admin.disconnect();
  }
  // One join of the group commits every topic at once; admin.setOffsets joins it once per topic,
  // and each join waits out the broker's initial rebalance delay (3 s).
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await member.connect();
  try {
    const joined = new Promise<void>((resolve) =>
      member.on(member.events.GROUP_JOIN, () => resolve()),
    );
    await member.subscribe({ topics: [...topics], fromBeginning: true });
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => {} });
    member.pause(topics.map((topic) => ({ topic })));
    await joined;
    await member.commitOffsets(offsets);
  } finally {
    await member.disconnect();
  }
}
