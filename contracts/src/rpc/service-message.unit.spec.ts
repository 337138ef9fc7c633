import { openServiceMessage, sealServiceMessage } from './service-message';

const credential = 'c'.repeat(40);

describe('service messages', () => {
  it('opens a message sealed with the same credential to its command', () => {
    expect(openServiceMessage(credential, sealServiceMessage(credential, { n: 1 }))).toEqual({
      n: 1,
    });
  });

  it.each([
    ['no envelope', { n: 1 }],
    ['another credential', { credential: 'd'.repeat(40), command: { n: 1 } }],
    ['a prefix of it', { credential: 'c'.repeat(39), command: { n: 1 } }],
    ['a number', { credential: 42, command: { n: 1 } }],
    ['nothing', null],
    ['a string', 'hello'],
  ])('refuses %s', (_, message) => {
    expect(openServiceMessage(credential, message)).toBeUndefined();
  });
});
