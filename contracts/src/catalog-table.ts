import { dlqOf, TOPICS, type TopicSpec } from './catalog';

function retention(spec: TopicSpec): string {
  return spec.cleanup === 'compact' ? 'compacted (latest per key)' : `${spec.retentionDays} days`;
}

/** The catalog as the Markdown table contracts/README.md shows (a test keeps them equal). */
export function catalogTable(specs: readonly TopicSpec[] = TOPICS): string {
  const rows = specs.map((spec) =>
    [
      `\`${spec.topic}\``,
      `\`${spec.key}\``,
      `\`${spec.event}\``,
      String(spec.partitions),
      retention(spec),
      spec.producers.join(', '),
      spec.consumers.join(', '),
      `\`${dlqOf(spec.topic)}\``,
    ].join(' | '),
  );
  return [
    '| topic | key | event | partitions | retention | producers | consumers | dead letters |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
