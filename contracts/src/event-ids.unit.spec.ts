import { fileRowEventId, fileRowEventIds, nameBasedUuid, readingIdFor } from './event-ids';

describe('name-based UUIDs', () => {
  it('match RFC 9562 version 5 (reference values from Python’s uuid.uuid5)', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('derive a reading id from the sensor and the client’s key, and only from them', () => {
    // uuid.uuid5(uuid.UUID('6f6b3d2e-8a63-4c4e-9a57-3c1d2b7e9f10'), 'greenhouse-7:client-key-1')
    expect(readingIdFor('greenhouse-7', 'client-key-1')).toBe(
      '8593bbe0-5d62-5a08-9e47-3e7e44e9f222',
    );
    expect(readingIdFor('greenhouse-8', 'client-key-1')).not.toBe(
      readingIdFor('greenhouse-7', 'client-key-1'),
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('dns', 'x')).toThrow('namespace dns is not a UUID');
  });
});

describe('file row ids', () => {
  const checksum = 'ab'.repeat(32);

  it('are RFC 9562 version 8: a hash of the file, then the row number (reference values from Python)', () => {
    // h = sha1(FILE_ROW_NAMESPACE bytes + b'row:telemetry.readings:' + checksum)[:10], version
    // and variant bits set, then the row number in 6 bytes: uuid.UUID(bytes=h + n.to_bytes(6))
    const rows = fileRowEventIds('telemetry.readings', checksum);
    expect(rows(1)).toBe('c2f59a56-e8fb-8ab2-adbf-000000000001');
    expect(rows(255)).toBe('c2f59a56-e8fb-8ab2-adbf-0000000000ff');
    expect(rows(2 ** 48 - 1)).toBe('c2f59a56-e8fb-8ab2-adbf-ffffffffffff');
    expect(fileRowEventId('telemetry.readings', checksum, 1, 'rejection')).toBe(
      '2df48f87-b49c-84da-8747-000000000001',
    );
  });

  it('differ by dataset, file and kind for the same row', () => {
    const ids = new Set([
      fileRowEventId('telemetry.readings', checksum, 7),
      fileRowEventId('energy.usage', checksum, 7),
      fileRowEventId('telemetry.readings', 'cd'.repeat(32), 7),
      fileRowEventId('telemetry.readings', checksum, 7, 'alert'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('refuse a row number the id cannot hold', () => {
    const rows = fileRowEventIds('telemetry.readings', checksum);
    expect(() => rows(2 ** 48)).toThrow('row number 281474976710656 does not fit');
    expect(() => rows(-1)).toThrow(RangeError);
    expect(() => rows(1.5)).toThrow(RangeError);
  });
});
