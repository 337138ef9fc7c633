import { Partitioners, type PartitionMetadata } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();
const metadataOf = new Map<number, PartitionMetadata[]>();

/**
 * The partition Kafka's default partitioner (murmur2 of the key, as the Java client and kafkajs
 * compute it) gives `key` among `partitions`: where a producer sending the event alone would put
 * it. A batch holds one partition's events and is sent to that partition, so an event keeps its
 * key's partition, hence its order and its co-partitioning, whichever way it travels.
 */
export function partitionOf(key: string, partitions: number): number {
  let metadata = metadataOf.get(partitions);
  if (!metadata) {
    metadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));
    metadataOf.set(partitions, metadata);
  }
  return partitioner({ topic: '', partitionMetadata: metadata, message: { key, value: null } });
}
