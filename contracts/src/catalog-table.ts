import { dlqOf, TOPICS, type TopicSpec } from './catalog';

function retention(spec: TopicSpec): string {
  return spec.cleanup === 'compact' ? 'compacted (latest per key)' : `${spec.retentionDays} days`;
}

/** A Markdown table, unpadded: what contracts/README.md's generated tables are written as. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

/** The catalog as the Markdown table contracts/README.md shows (a test keeps them equal). */
export function catalogTable(specs: readonly TopicSpec[] = TOPICS): string {
  return markdownTable(
    ['topic', 'key', 'event', 'partitions', 'retention', 'producers', 'consumers', 'dead letters'],
    specs.map((spec) => [
      `\`${spec.topic}\``,
      `\`${spec.key}\``,
      `\`${spec.event}\``,
      String(spec.partitions),
      retention(spec),
      spec.producers.join(', ') || 'none',
      spec.consumers.join(', ') || 'none',
      `\`${dlqOf(spec.topic)}\``,
    ]),
  );
}
