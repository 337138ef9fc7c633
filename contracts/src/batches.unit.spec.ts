import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { batchEventOf, batchOfEvents, eventsOfBatch, type AnyEvent } from './batches';
import { BATCHED_TOPICS, batchTopicSpecOf, topicSpec } from './catalog';
import { fixtureMetadata, VALID_EVENTS } from './fixtures';
import { logicalTypes } from './logical-types';
import { composeSchema, readSchemaFiles, SCHEMAS_DIR } from './schemas';
import { batchSchemaFiles } from './tools/generate-batch-schemas';

describe('batch events', () => {
  const files = readSchemaFiles();

  it('have committed schemas equal to what their events generate', () => {
    for (const { file, text } of batchSchemaFiles())
      expect({ file, text: readFileSync(join(SCHEMAS_DIR, file), 'utf8') }).toEqual({ file, text });
  });

  it('are named in the plural of their events, on a twin topic of the same partitions', () => {
    expect(batchEventOf('tributary.telemetry.SensorReadingRecorded')).toBe(
      'tributary.telemetry.SensorReadingsRecorded',
    );
    expect(batchEventOf('tributary.ingest.RecordRejected')).toBe(
      'tributary.ingest.RecordsRejected',
    );
    expect(batchTopicSpecOf(topicSpec('telemetry.readings'))).toMatchObject({
      topic: 'telemetry.readings-batches',
      schemaFile: 'telemetry/sensor-readings-recorded.avsc',
      key: 'key',
      partitions: 6,
      retentionDays: 400,
    });
    expect(BATCHED_TOPICS).toEqual([
      'ev.transactions',
      'banking.transactions',
      'telemetry.readings',
      'energy.usage',
      'retail.sales',
      'ingest.rejections',
    ]);
  });

  it.each(BATCHED_TOPICS)(
    '%s: events → batch → Avro → batch → the same events, in order',
    (topic) => {
      const spec = batchTopicSpecOf(topicSpec(topic));
      const file = files.find((f) => f.file === spec.schemaFile)!;
      const type = avro.Type.forSchema(composeSchema(file, files) as avro.Schema, { logicalTypes });
      const batch = VALID_EVENTS[spec.topic as keyof typeof VALID_EVENTS];
      const decoded = type.fromBuffer(type.toBuffer(batch));
      const events = eventsOfBatch(decoded);
      const single = VALID_EVENTS[topic as keyof typeof VALID_EVENTS] as unknown as AnyEvent;
      expect(events).toHaveLength(2);
      expect(events[0]).toEqual(single);
      expect(events[1]).toEqual({
        ...single,
        metadata: {
          ...single.metadata,
          event_id: events[1]!.metadata.event_id,
          source: { ...single.metadata.source, row_number: 2 },
        },
      });
      expect(events[1]!.metadata.event_id).not.toBe(single.metadata.event_id);
    },
  );

  it('says once what the items share, and refuses events that differ in it', () => {
    const usage = VALID_EVENTS['energy.usage'];
    const batch = batchOfEvents([usage], 'b-1', 'user_id');
    expect(batch).toEqual({
      key: usage.user_id,
      batch: {
        batch_id: 'b-1',
        ingested_at: usage.metadata.ingested_at,
        source: { ...usage.metadata.source, row_number: null },
        trace_id: usage.metadata.trace_id,
      },
      items: [
        {
          meta: {
            event_id: usage.metadata.event_id,
            occurred_at: usage.metadata.occurred_at,
            row_number: usage.metadata.source.row_number,
          },
          user_id: usage.user_id,
          date: usage.date,
          usage_kwh: usage.usage_kwh,
        },
      ],
    });
    const otherJob = {
      ...usage,
      metadata: fixtureMetadata('00000000-0000-4000-8000-0000000000c1', {
        source: { kind: 'file', reference: 'another-job', row_number: 3 },
      }),
    };
    expect(() => batchOfEvents([usage, otherJob], 'b-2', 'user_id')).toThrow(
      'event 1 (00000000-0000-4000-8000-0000000000c1) differs from the first in ingested_at, source or trace_id: batch them apart',
    );
    expect(() => batchOfEvents([], 'b-3', 'user_id')).toThrow('a batch holds at least one event');
  });
});
