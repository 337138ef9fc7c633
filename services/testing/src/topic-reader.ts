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
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
