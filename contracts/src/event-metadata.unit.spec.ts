import { eventMetadata } from './event-metadata';

describe('the event envelope', () => {
  const at = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2026-11-22T10:00:01Z');

  it('traces a file row back to its job and row, the job id its trace', () => {
    expect(
      eventMetadata({
        eventId: 'e-1',
        occurredAt: at,
        ingestedAt: later,
        kind: 'file',
        reference: 'job-7',
        rowNumber: 3,
      }),
    ).toEqual({
      event_id: 'e-1',
      occurred_at: at,
      ingested_at: later,
      source: { kind: 'file', reference: 'job-7', row_number: 3 },
      trace_id: 'job-7',
    });
  });

  it('keeps a trace id that is given, null included, and no row outside files', () => {
    const http = eventMetadata({
      eventId: 'e-2',
      occurredAt: at,
      ingestedAt: later,
      kind: 'http',
      reference: 'req-1',
      traceId: 'corr-9',
    });
    expect([http.source.row_number, http.trace_id]).toEqual([null, 'corr-9']);
    const stream = eventMetadata({
      eventId: 'e-3',
      occurredAt: at,
      ingestedAt: later,
      kind: 'stream',
      reference: 'uplink',
      traceId: null,
    });
    expect(stream.trace_id).toBeNull();
  });
});
