import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('refuses common passwords and their digit or symbol suffixes', () => {
    for (const password of ['password1234', 'Password1234!', 'QWERTY123456', 'iloveyou2026?!'])
      expect(passwordProblem(password, 'ada@example.com')).toBe(
        'is one of the most common passwords; choose another',
      );
  });

  it('refuses runs of few characters', () => {
    for (const password of ['aaaaaaaaaaaa', ' '.repeat(12), 'abababababab', '1212abab1212'])
      expect(passwordProblem(password, 'ada@example.com')).toBe(
        'must use at least 5 different characters',
      );
  });

  it('refuses the e-mail address and its name part', () => {
    expect(passwordProblem('grace.hopper@example.com', 'Grace.Hopper@example.com')).toBe(
      'must not contain your e-mail address',
    );
    expect(passwordProblem('xx-grace.hopper-2026', 'grace.hopper@example.com')).toBe(
      'must not contain your e-mail address',
    );
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('tidal-marsh-lantern-93', 'ada@example.com')).toBeNull();
    // A short name part is not held against a password that merely contains it.
    expect(passwordProblem('a quiet bonfire at dawn', 'al@example.com')).toBeNull();
  });
});
