import { AssignerProtocol, type GroupMemberAssignment, type PartitionAssigner } from 'kafkajs';

/**
 * Gives partition N of every subscribed topic to the same member. Topics keyed the same way
 * (telemetry.readings and telemetry.readings-corrected, both by sensor_id, both 6 partitions)
 * then have all events of one key handled by one replica, one batch at a time, so work derived
 * per key (a rollup recomputed from the stored rows) never races with another replica.
 * Partition numbers are spread over the members sorted by id, like Kafka's RangeAssignor.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'TributaryCoPartitionedAssigner',
  version: 0,

  async assign({ members, topics }): Promise<GroupMemberAssignment[]> {
    const memberIds = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = memberIds[partitionId % memberIds.length]!;
        const perTopic = assignment.get(owner)!;
        (perTopic[topic] ??= []).push(partitionId);
      }
    }
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: topicPartitions,
        userData: Buffer.alloc(0),
      }),
    }));
  },

  protocol({ topics }) {
    return {
      name: 'TributaryCoPartitionedAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: 0,
        topics,
        userData: Buffer.alloc(0),
      }),
    };
  },
});
