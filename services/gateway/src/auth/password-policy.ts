import { COMMON_PASSWORDS, COMMON_WORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
/** Fewer distinct characters than this is a pattern, not a password (`aaaaaaaaaaaa`, spaces). */
const MIN_DISTINCT = 5;

const common = new Set([...COMMON_PASSWORDS, ...COMMON_WORDS].map((p) => p.toLowerCase()));

/**
 * Why a new password is refused, or null. Length is checked by the schema; this refuses what is
 * long enough but guessable: a common password, a run of few characters, the e-mail address or
 * its name part.
 */
export function passwordProblem(password: string, email: string): string | null {
  const lower = password.toLowerCase();
  if (common.has(lower) || common.has(lower.replace(/[\d\W_]+$/, '')))
    return 'is one of the most common passwords; choose another';
  if (new Set(lower).size < MIN_DISTINCT)
    return `must use at least ${MIN_DISTINCT} different characters`;
  const address = email.toLowerCase();
  const name = address.split('@')[0] ?? '';
  if (lower.includes(address) || (name.length >= 4 && lower.includes(name)))
    return 'must not contain your e-mail address';
  return null;
}
