import { nameBasedUuid, readingIdFor } from './event-ids';

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
