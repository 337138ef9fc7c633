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
