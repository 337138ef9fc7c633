import {
  DATASET_DECLARATIONS,
  personalFieldsOf,
  type DatasetName,
  type PersonalKind,
} from '@tributary/contracts';
import { hasScope, type Principal } from '../auth/account';
import { ProblemException } from '../http/problem';

/*
 * Which fields hold personal data is declared once, on the fields of each dataset
 * (`personal` in contracts' `DATASET_DECLARATIONS`); the masking, the filters' check and the
 * docs follow it. Everything an API returns from these fields, directly or joined into another
 * record (a charging session's `user`), is masked unless the caller has `read:personal`.
 */
const PERSONAL_FIELDS = Object.fromEntries(
  Object.entries(DATASET_DECLARATIONS).map(([name, declaration]) => [
    name,
    personalFieldsOf(declaration),
  ]),
) as Record<DatasetName, ReturnType<typeof personalFieldsOf>>;

/** Whether a dataset has any personal field (the rest need no masking). */
export const holdsPersonalData = (dataset: string): dataset is DatasetName =>
  Object.hasOwn(PERSONAL_FIELDS, dataset) && PERSONAL_FIELDS[dataset as DatasetName].length > 0;

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

const MASKS: Record<PersonalKind, (value: string) => string> = {
  name: maskText,
  email: maskEmail,
  phone: maskPhone,
};

/** The record with its dataset's personal fields masked (null stays null); others untouched. */
export function maskRecord<T extends object>(dataset: DatasetName, record: T): T {
  const masked = { ...record } as Record<string, unknown>;
  for (const { name, personal } of PERSONAL_FIELDS[dataset]) {
    const value = masked[name];
    if (typeof value === 'string') masked[name] = MASKS[personal](value);
  }
  return masked as T;
}

/** The records as the principal may see them. */
export function visibleRecords<T extends object>(
  principal: Principal,
  dataset: DatasetName,
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
  dataset: DatasetName,
  query: Readonly<Record<string, unknown>>,
): void {
  if (readsPersonalData(principal)) return;
  const used = PERSONAL_FIELDS[dataset]
    .map(({ name }) => name)
    .filter((field) => query[field] !== undefined);
  if (used.length > 0)
    throw new ProblemException(
      'forbidden',
      `filtering by ${used.join(', ')} reads personal data: it needs the read:personal scope (role steward or admin)`,
    );
}
