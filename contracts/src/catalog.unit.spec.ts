import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchTopicOf } from './batches';
import { BATCHED_TOPICS, dlqOf, subjectOf, topicConfig, topicSpec, TOPICS } from './catalog';
import { catalogTable } from './catalog-table';
import { datasetTable } from './dataset-table';
import { composeSchema, readSchemaFiles } from './schemas';

const README = join(__dirname, '..', 'README.md');

describe('topic catalog', () => {
  it('is the table in contracts/README.md, row for row', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('<!-- catalog:start -->');
    const end = readme.indexOf('<!-- catalog:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + '<!-- catalog:start -->'.length, end).trim()).toBe(catalogTable());
  });

  it('shows the datasets’ fields in contracts/README.md, row for row', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('<!-- datasets:start -->');
    const end = readme.indexOf('<!-- datasets:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + '<!-- datasets:start -->'.length, end).trim()).toBe(datasetTable());
  });

  it('names topics <domain>.<entity>[-<event>] and events tributary.<domain>.<PastTense>', () => {
    for (const spec of TOPICS) {
      expect(spec.topic).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/);
      const domain = spec.topic.split('.')[0];
      expect(spec.event).toMatch(new RegExp(`^tributary\\.${domain}\\.[A-Z][A-Za-z]+ed$`));
    }
    expect(new Set(TOPICS.map((t) => t.topic)).size).toBe(TOPICS.length);
  });

  it('keys each topic by a top-level string field of its event', () => {
    const files = readSchemaFiles();
    for (const spec of TOPICS) {
      const file = files.find((f) => f.file === spec.schemaFile)!;
      expect(file.name).toBe(spec.event);
      const field = (file.schema['fields'] as { name: string; type: unknown }[]).find(
        (f) => f.name === spec.key,
      );
      expect(field).toBeDefined();
      const type = field!.type;
      expect(type === 'string' || (type as { type?: string }).type === 'string').toBe(true);
    }
  });

  it('compacts entity topics and time-retains facts', () => {
    expect(topicConfig(topicSpec('ev.users'))).toEqual({
      'cleanup.policy': 'compact',
      'min.compaction.lag.ms': '3600000',
    });
    expect(topicConfig(topicSpec('telemetry.readings'))).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': String(400 * 86_400_000),
    });
    expect(topicConfig(topicSpec('telemetry.readings'), true)).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': String(30 * 86_400_000),
    });
    expect(dlqOf('ev.users')).toBe('ev.users.dlq');
    expect(subjectOf('ev.users')).toBe('ev.users-value');
  });

  it('refuses an unknown topic by listing the known ones', () => {
    expect(() => topicSpec('ev.user')).toThrow(
      /unknown topic ev.user; known: ev.users, ev.chargers, /,
    );
  });
});

describe('schemas', () => {
  const files = readSchemaFiles();

  it('documents every field of every event, envelope first; a batch its key, envelope and items', () => {
    const batchTopics = BATCHED_TOPICS.map(batchTopicOf);
    type Field = { name: string; doc?: string; type: unknown };
    for (const spec of TOPICS) {
      const file = files.find((f) => f.file === spec.schemaFile)!;
      const fields = file.schema['fields'] as Field[];
      if (batchTopics.includes(spec.topic)) {
        expect(fields.map((f) => f.name)).toEqual(['key', 'batch', 'items']);
        expect(fields[1]).toMatchObject({ type: 'tributary.common.BatchMetadata' });
        const items = (fields[2]!.type as { items: { fields: Field[] } }).items.fields;
        expect(items[0]).toMatchObject({ name: 'meta', type: 'tributary.common.ItemMetadata' });
        for (const field of [...fields, ...items]) expect(field.doc ?? '').not.toBe('');
      } else {
        expect(fields[0]).toMatchObject({
          name: 'metadata',
          type: 'tributary.common.EventMetadata',
        });
        for (const field of fields) expect(field.doc ?? '').not.toBe('');
      }
    }
  });

  it('composes a self-contained schema: shared types inlined once, then referenced by name', () => {
    const issued = files.find((f) => f.file === 'identity/api-key-issued.avsc')!;
    const composed = JSON.stringify(composeSchema(issued, files));
    expect(composed.match(/"name":"EventMetadata"/g)).toHaveLength(1);
    expect(composed.match(/"name":"Role"/g)).toHaveLength(1);
    expect(composed).toContain('"namespace":"tributary.identity"');
  });

  it('reports an unknown type reference with its file', () => {
    const broken = {
      file: 'x/broken.avsc',
      name: 'tributary.x.Broken',
      schema: {
        type: 'record',
        name: 'Broken',
        namespace: 'tributary.x',
        fields: [{ name: 'a', type: 'tributary.x.Missing' }],
      },
    };
    expect(() => composeSchema(broken, files)).toThrow(
      'x/broken.avsc: unknown type tributary.x.Missing',
    );
  });
});
