import { Partitioners } from 'kafkajs';
import { partitionOf } from './partitions';

describe('partitionOf', () => {
  // Kafka's own murmur2 test vectors (apache/kafka UtilsTest.testMurmur2), each hash made
  // positive (& 0x7fffffff) and taken modulo the partition count, as Kafka's default
  // partitioner does: a batch goes where each of its events would go alone.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('puts %s where the Java client would', (key, murmur2) => {
    for (const partitions of [1, 3, 6, 7])
      expect(partitionOf(key, partitions)).toBe((murmur2 & 0x7fffffff) % partitions);
  });
});

describe('partitionOf beside kafkajs', () => {
  // kafkajs's DefaultPartitioner is the independent computation (64-bit Long arithmetic): ours
  // must put every key where it does, multi-byte UTF-8 and every length modulo 4 included.
  const partitioner = Partitioners.DefaultPartitioner();
  const metadata = (n: number) =>
    Array.from({ length: n }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));

  it('agrees on ASCII and non-ASCII keys of every length', () => {
    const keys = Array.from({ length: 400 }, (_, i) =>
      i % 2 === 0 ? `sensor-${i}`.slice(0, 1 + (i % 17)) : `ünï-${i}-€😀`.slice(0, 1 + (i % 11)),
    );
    keys.push('');
    for (const partitions of [1, 6, 7, 12])
      expect(keys.map((key) => partitionOf(key, partitions))).toEqual(
        keys.map((key) =>
          partitioner({
            topic: 't',
            partitionMetadata: metadata(partitions),
            message: { key, value: null },
          }),
        ),
      );
  });
});
