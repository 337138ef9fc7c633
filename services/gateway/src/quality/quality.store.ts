import {
  type DatasetQualitySpec,
  type QualityDataset,
  type RangeRule,
  type Reference,
} from './quality.datasets';

/** A stored value as the report shows it: text, a number, an ISO-8601 instant or a day. */
export type FieldValue = string | number | null;

/** Optional narrowing of the report, e.g. to one tenant's or one test run's ids. */
export interface QualityFilter {
  /** Rows whose first key field starts with this; rejected rows whose raw text contains it. */
  idPrefix?: string;
}

export interface StoredFieldProfile {
  field: string;
  nulls: number;
  /** Empty strings; 0 for fields that are not text. */
  empty: number;
  /** Distinct non-null values. */
  distinct: number;
}

/** Quartiles of a numeric field's non-null values (`values` of them; q1, q3 meaningless at 0). */
export interface StoredQuartiles {
  field: string;
  values: number;
  q1: number;
  q3: number;
}

export interface StoredProfile {
  rows: number;
  fields: StoredFieldProfile[];
  quartiles: StoredQuartiles[];
}

/** One row breaking a check: its key and the values the check looked at. */
export interface Finding {
  key: Record<string, FieldValue>;
  values: Record<string, FieldValue>;
}

export interface Findings {
  count: number;
  /** At most the limit asked for, ordered by key then values. */
  examples: Finding[];
}

/** What the rows are checked for, besides duplicates. */
export type Check =
  | { kind: 'rule'; rule: RangeRule }
  | { kind: 'orphan'; reference: Reference }
  /** Numeric values strictly below `lower` or strictly above `upper`. */
  | { kind: 'outside'; field: string; lower: number; upper: number };

export interface DuplicateKeys {
  /** Keys occurring more than once, and the rows carrying them. */
  keys: number;
  rows: number;
  /** Most occurrences first, then by key. */
  examples: { key: Record<string, FieldValue>; occurrences: number }[];
}

export interface RejectionExample {
  job_id: string;
  row_number: number;
  /** The reason as file-ingest wrote it, the value included. */
  reason: string;
  raw: string;
}

export interface RejectionGroup {
  /** The reason with its quoted value removed: `timestamp: must be an ISO-8601 date-time`. */
  reason: string;
  count: number;
  examples: RejectionExample[];
}

export interface StoredRejections {
  /** Rejected rows (a row with two reasons is in two groups but counted once here). */
  rows: number;
  /** Most frequent first, then by reason. */
  reasons: RejectionGroup[];
}

/** A profile, with the counts of the checks asked for alongside (in their order). */
export interface StoredProfileWithCounts extends StoredProfile {
  counts: number[];
}

/**
 * The reads of a report. Each scans a dataset's table at most a few times whatever the dataset
 * (the counts of many checks in one scan), so a report costs a handful of scans.
 */
export interface QualityStore {
  /** The profile, and the rows breaking each of `checks` (counted in the same reads). */
  profile(
    spec: DatasetQualitySpec,
    filter: QualityFilter,
    checks: readonly Check[],
  ): Promise<StoredProfileWithCounts>;
  /** The rows breaking each check, in the order of `checks` (one read for all of them). */
  count(
    spec: DatasetQualitySpec,
    checks: readonly Check[],
    filter: QualityFilter,
  ): Promise<number[]>;
  /** Up to `limit` rows breaking the check, ordered by key then values. */
  examples(
    spec: DatasetQualitySpec,
    check: Check,
    filter: QualityFilter,
    limit: number,
  ): Promise<Finding[]>;
  duplicateKeys(
    spec: DatasetQualitySpec,
    filter: QualityFilter,
    limit: number,
  ): Promise<DuplicateKeys>;
  rejections(
    dataset: QualityDataset,
    filter: QualityFilter,
    limits: { reasons: number; examplesPerReason: number },
  ): Promise<StoredRejections>;
}

export const QUALITY_STORE = Symbol('QUALITY_STORE');
