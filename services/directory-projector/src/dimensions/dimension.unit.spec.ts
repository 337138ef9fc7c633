import { fixtureMetadata } from '@tributary/contracts';
import { provenanceOf, supersedesDimension, type DimensionProvenance } from './dimension';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute));
const written = (minute: number, row: number, id = 'e'): DimensionProvenance => ({
  event_id: id,
  updated_at: at(minute),
  row_number: row,
});

describe('last writer wins for a dimension', () => {
  it('orders by occurred_at, then by row number in the file', () => {
    expect(supersedesDimension(written(5, 1), written(4, 900))).toBe(true);
    expect(supersedesDimension(written(4, 900), written(5, 1))).toBe(false);
    expect(supersedesDimension(written(5, 8), written(5, 7))).toBe(true);
    expect(supersedesDimension(written(5, 7), written(5, 8))).toBe(false);
  });

  it('re-applies an equal position, so the same event twice writes the same row', () => {
    expect(supersedesDimension(written(5, 7, 'a'), written(5, 7, 'a'))).toBe(true);
  });

  it('reads the position from the envelope, row 0 for an event from a stream', () => {
    expect(provenanceOf(fixtureMetadata('00000000-0000-4000-8000-000000000005'))).toEqual({
      event_id: '00000000-0000-4000-8000-000000000005',
      updated_at: new Date('2026-11-22T10:00:00.000Z'),
      row_number: 1,
    });
    const streamed = fixtureMetadata('00000000-0000-4000-8000-000000000006', {
      source: { kind: 'stream', reference: 'acme', row_number: null },
    });
    expect(provenanceOf(streamed).row_number).toBe(0);
  });
});
