import { type DatasetName } from '@tributary/contracts';
import { hasScope, type Principal } from '../auth/account';
import { ProblemException } from '../http/problem';

/**
 * The fields that hold personal data, per dataset: the one list the masking, the filters' check
 * and the docs follow. Everything an API returns from these fields, directly or joined into
 * another record (a charging session's `user`), is masked unless the caller has `read:personal`.
 */
export const PERSONAL_FIELDS = {
  'ev.users': ['first_name', 'last_name', 'email', 'phone'],
  'banking.clients': ['name', 'email'],
} as const satisfies Partial<Record<DatasetName, readonly string[]>>;
export type PersonalDataset = keyof typeof PERSONAL_FIELDS;

export const readsPersonalData = (principal: Principal): boolean =>
  hasScope(principal, 'read:personal');

/** Replaces a whole raw row or reason: it may hold any field, personal ones included. */
export const MASKED = '***';

/** `grace.muller@example.com` → `g***@e***.com`: enough to tell two apart, not to contact. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskText(email);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${maskText(email.slice(0, at))}@${maskText(host)}${tld}`;
}

/** `Grace` → `G***`: the first character only (a whole code point, never half a surrogate). */
export function maskText(text: string): string {
  const first = [...text][0];
  return first === undefined ? '' : `${first}${MASKED}`;
}

/** `+351 912 345 678` → `***78`: the last two digits, as a receipt shows. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${MASKED}${digits.slice(-2)}`;
}

const maskField = (field: string, value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  if (field === 'email') return maskEmail(value);
  if (field === 'phone') return maskPhone(value);
  return maskText(value);
};

/** The record with its dataset's personal fields masked (null stays null); others untouched. */
export function maskRecord<T extends object>(dataset: PersonalDataset, record: T): T {
  const masked = { ...record } as Record<string, unknown>;
  for (const field of PERSONAL_FIELDS[dataset])
    if (field in masked) masked[field] = maskField(field, masked[field]);
  return masked as T;
}

/** The records as the principal may see them. */
export function visibleRecords<T extends object>(
  principal: Principal,
  dataset: PersonalDataset,
  records: readonly T[],
): T[] {
  return readsPersonalData(principal)
    ? [...records]
    : records.map((record) => maskRecord(dataset, record));
}

/** A rejection reason without the value it quotes (`…, got "x"`: file-ingest quotes it last). */
const QUOTED_VALUE = /, got ".*"$/;

/**
 * A rejected row as the principal may see it: without `read:personal` the raw text is masked
 * whole (any column may be personal) and each reason loses the value it quotes.
 */
export function visibleRejection<T extends { raw: string; reasons?: string[]; reason?: string }>(
  principal: Principal,
  rejection: T,
): T {
  if (readsPersonalData(principal)) return rejection;
  return {
    ...rejection,
    raw: MASKED,
    ...(rejection.reasons
      ? { reasons: rejection.reasons.map((r) => r.replace(QUOTED_VALUE, '')) }
      : {}),
    ...(rejection.reason !== undefined
      ? { reason: rejection.reason.replace(QUOTED_VALUE, '') }
      : {}),
  };
}

/**
 * Filtering on a personal field is reading it (a prefix search finds out an e-mail letter by
 * letter): refused without `read:personal`.
 */
export function assertMayFilter(
  principal: Principal,
  dataset: PersonalDataset,
  query: Readonly<Record<string, unknown>>,
): void {
  if (readsPersonalData(principal)) return;
  const used = PERSONAL_FIELDS[dataset].filter((field) => query[field] !== undefined);
  if (used.length > 0)
    throw new ProblemException(
      'forbidden',
      `filtering by ${used.join(', ')} reads personal data: it needs the read:personal scope (role steward or admin)`,
    );
}
