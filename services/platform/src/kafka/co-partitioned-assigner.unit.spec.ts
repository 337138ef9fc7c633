import { AssignerProtocol } from 'kafkajs';
import { CoPartitionedAssigner } from './co-partitioned-assigner';

const partitions: Record<string, number> = { readings: 6, corrections: 6, small: 2 };
const cluster = {
  findTopicPartitionMetadata: (topic: string) =>
    Array.from({ length: partitions[topic]! }, (_, partitionId) => ({ partitionId })),
};

async function assign(memberIds: string[], topics: string[]) {
  const assigner = CoPartitionedAssigner({ cluster } as never);
  const result = await assigner.assign({
    members: memberIds.map((memberId) => ({ memberId, memberMetadata: Buffer.alloc(0) })),
    topics,
  });
  return Object.fromEntries(
    result.map(({ memberId, memberAssignment }) => [
      memberId,
      AssignerProtocol.MemberAssignment.decode(memberAssignment)!.assignment,
    ]),
  );
}

describe('CoPartitionedAssigner', () => {
  it('gives partition N of every topic to the same member', async () => {
    expect(await assign(['m-b', 'm-a', 'm-c'], ['readings', 'corrections'])).toEqual({
      'm-a': { readings: [0, 3], corrections: [0, 3] },
      'm-b': { readings: [1, 4], corrections: [1, 4] },
      'm-c': { readings: [2, 5], corrections: [2, 5] },
    });
  });

  it('leaves extra members idle rather than splitting a partition number', async () => {
    expect(await assign(['m-1', 'm-2', 'm-3'], ['small'])).toEqual({
      'm-1': { small: [0] },
      'm-2': { small: [1] },
      'm-3': {},
    });
  });
});
