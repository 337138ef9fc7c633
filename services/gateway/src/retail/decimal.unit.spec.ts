import { fourPlaces } from './decimal';

describe('fourPlaces', () => {
  it.each([
    ['12.5', '12.5000'],
    ['12.5000', '12.5000'],
    ['12', '12.0000'],
    ['-3.25', '-3.2500'],
    ['0', '0.0000'],
    ['-0', '0.0000'],
    ['-0.0000', '0.0000'],
    ['007.1', '7.1000'],
    ['99999999999999.9999', '99999999999999.9999'],
    ['1.50000000', '1.5000'],
  ])('%s → %s', (text, expected) => {
    expect(fourPlaces(text)).toBe(expected);
  });

  it('refuses what is not a decimal of at most 4 places', () => {
    expect(() => fourPlaces('1e5')).toThrow('not a decimal');
    expect(() => fourPlaces('1.23456')).toThrow('more than 4 decimal places');
  });
});
