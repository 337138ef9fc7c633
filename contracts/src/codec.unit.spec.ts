import { TOPICS } from './catalog';
import { EventCodec } from './codec';
import { INVALID_EVENTS, VALID_EVENTS } from './fixtures';

// validate() needs no registry: the codec holds every topic's schema.
const codec = new EventCodec({ registryUrl: 'http://registry.invalid' });

describe('EventCodec.validate', () => {
  it('has a valid golden fixture for every topic in the catalog', () => {
    expect(Object.keys(VALID_EVENTS).sort()).toEqual(TOPICS.map((t) => t.topic).sort());
    for (const [topic, event] of Object.entries(VALID_EVENTS)) {
      expect({ topic, problems: codec.validate(topic, event) }).toEqual({ topic, problems: [] });
    }
  });

  it.each(INVALID_EVENTS.map((c) => [c.topic, c.problems.join('; '), c]))(
    '%s: %s',
    (_topic, _problems, { topic, event, problems }) => {
      expect(codec.validate(topic, event)).toEqual(problems);
    },
  );

  it('refuses to encode before the schemas are registered', () => {
    expect(() => codec.encode('energy.usage', VALID_EVENTS['energy.usage'])).toThrow(
      'schema for energy.usage not registered: call register() first',
    );
  });
});
