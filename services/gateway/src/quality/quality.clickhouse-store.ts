import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import {
  fieldOf,
  isNumeric,
  QUALITY_COLUMNS,
  ruleFields,
  type DatasetQualitySpec,
  type QualityDataset,
  type QualityField,
} from './quality.datasets';
import {
  type Check,
  type DuplicateKeys,
  type FieldValue,
  type Findings,
  type QualityFilter,
  type QualityStore,
  type StoredProfile,
  type StoredRejections,
} from './quality.store';

type SqlFragment = ReturnType<typeof ch.raw>;
type Row = Record<string, unknown>;

/**
 * The part of a rejection reason that names the value (`, got "yesterday"`: file-ingest quotes the
 * value last, JSON-escaped, so it holds no newline). RE2 and JavaScript read it alike.
 */
export const QUOTED_VALUE = ', got ".*"$';

const column = (field: QualityField) => ch.ident(field.column, QUALITY_COLUMNS);

/** The field's value as compared, grouped and returned (see `FieldType`). */
function valueOf(field: QualityField): SqlFragment {
  const c = column(field);
  switch (field.type) {
    case 'text':
      return c;
    case 'number':
    case 'decimal':
      return ch.sql`toFloat64(${c})`;
    case 'instant':
      return ch.sql`toUnixTimestamp(${c})`;
    case 'day':
      return ch.sql`toString(${c})`;
    case 'reading-time':
      return ch.sql`(toUInt64(toUnixTimestamp(${c})) * 1000 + ${ch.ident('ts_ms', QUALITY_COLUMNS)})`;
  }
}

/** What ClickHouse returned for `valueOf(field)`, as the report shows it. */
function shown(field: QualityField, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'instant':
      return new Date(Number(value) * 1000).toISOString();
    case 'reading-time':
      return new Date(Number(value)).toISOString();
    case 'number':
    case 'decimal':
      return Number(value);
    default:
      return String(value);
  }
}

const where = (conditions: SqlFragment[]): SqlFragment =>
  conditions.length > 0 ? ch.sql`WHERE ${ch.join(conditions, ' AND ')}` : ch.raw('');

/** `id_prefix`: the first key field starts with it (`position` is 1 for a prefix, in bytes). */
function rowFilter(spec: DatasetQualitySpec, filter: QualityFilter): SqlFragment[] {
  if (filter.idPrefix === undefined) return [];
  const first = fieldOf(spec, spec.key[0]!);
  return [ch.sql`position(${column(first)}, ${ch.str(filter.idPrefix)}) = 1`];
}

/** The condition a row breaking the check meets; NULL never breaks one. */
function broken(spec: DatasetQualitySpec, check: Check): SqlFragment {
  switch (check.kind) {
    case 'rule': {
      const { rule } = check;
      if (rule.kind === 'not-before')
        return ch.sql`ifNull(${valueOf(fieldOf(spec, rule.field))} < ${valueOf(fieldOf(spec, rule.other))}, 0)`;
      const value = valueOf(fieldOf(spec, rule.field));
      const limits: SqlFragment[] = [];
      if (rule.min !== undefined)
        limits.push(
          ch.sql`${value} ${ch.raw(rule.minExclusive ? '<=' : '<')} ${ch.float(rule.min)}`,
        );
      if (rule.max !== undefined) limits.push(ch.sql`${value} > ${ch.float(rule.max)}`);
      return ch.sql`ifNull(${ch.join(limits, ' OR ')}, 0)`;
    }
    case 'orphan': {
      const { reference } = check;
      // Membership only: every version of a dimension row carries the same id, so no FINAL.
      return ch.sql`${column(fieldOf(spec, reference.field))} NOT IN (SELECT ${ch.ident(reference.column, QUALITY_COLUMNS)} FROM ${ch.table(reference.table)})`;
    }
    case 'outside': {
      const value = valueOf(fieldOf(spec, check.field));
      return ch.sql`ifNull(${value} < ${ch.float(check.lower)} OR ${value} > ${ch.float(check.upper)}, 0)`;
    }
  }
}

const shownFields = (spec: DatasetQualitySpec, check: Check): QualityField[] =>
  (check.kind === 'rule'
    ? ruleFields(check.rule)
    : check.kind === 'orphan'
      ? [check.reference.field]
      : [check.field]
  ).map((name) => fieldOf(spec, name));

const keyFields = (spec: DatasetQualitySpec) => spec.key.map((name) => fieldOf(spec, name));
const aliased = (fields: QualityField[], prefix: string) =>
  fields.map((field, i) => ch.sql`${valueOf(field)} AS ${ch.raw(`${prefix}${i}`)}`);
const aliases = (fields: QualityField[], prefix: string) =>
  fields.map((_, i) => ch.raw(`${prefix}${i}`));
const record = (fields: QualityField[], prefix: string, row: Row) =>
  Object.fromEntries(fields.map((field, i) => [field.name, shown(field, row[`${prefix}${i}`])]));

/**
 * The report's reads, each a FINAL scan of one dataset's table (so a corrected reading or a
 * re-versioned dimension row counts once), a few hundred bytes of SQL whatever the dataset.
 */
export class ClickHouseQualityStore implements QualityStore {
  constructor(private readonly client: ClickHouseClient) {}

  async profile(spec: DatasetQualitySpec, filter: QualityFilter): Promise<StoredProfile> {
    const measures: SqlFragment[] = [];
    spec.fields.forEach((field, i) => {
      const c = column(field);
      const value = valueOf(field);
      measures.push(ch.sql`countIf(isNull(${c})) AS ${ch.raw(`nulls${i}`)}`);
      measures.push(
        field.type === 'text'
          ? ch.sql`countIf(ifNull(${c} = '', 0)) AS ${ch.raw(`empty${i}`)}`
          : ch.sql`0 AS ${ch.raw(`empty${i}`)}`,
      );
      measures.push(ch.sql`uniqExact(${value}) AS ${ch.raw(`distinct${i}`)}`);
      if (isNumeric(field)) {
        measures.push(ch.sql`countIf(isNotNull(${c})) AS ${ch.raw(`values${i}`)}`);
        // quantileExact(level) is the value at 0-based index floor(level · n) of the n non-null
        // values sorted ascending, on 18.16 as on current ClickHouse. With no value it is NaN
        // (or NULL), which JSON cannot carry: 0 then, and `values` says it means nothing.
        for (const [name, level] of [
          ['q1_', '0.25'],
          ['q3_', '0.75'],
        ] as const) {
          const quantile = ch.sql`quantileExact(${ch.raw(level)})(${value})`;
          measures.push(
            ch.sql`ifNull(if(isFinite(${quantile}), ${quantile}, 0), 0) AS ${ch.raw(`${name}${i}`)}`,
          );
        }
      }
    });
    const [row] = await selectRows<Row>(
      this.client,
      ch.sql`SELECT count() AS row_count, ${ch.join(measures)}
        FROM ${ch.table(spec.table)} FINAL ${where(rowFilter(spec, filter))}`,
    );
    const at = (name: string) => Number(row?.[name] ?? 0);
    return {
      rows: at('row_count'),
      fields: spec.fields.map((field, i) => ({
        field: field.name,
        nulls: at(`nulls${i}`),
        empty: at(`empty${i}`),
        distinct: at(`distinct${i}`),
      })),
      quartiles: spec.fields.flatMap((field, i) =>
        isNumeric(field)
          ? [
              {
                field: field.name,
                values: at(`values${i}`),
                q1: at(`q1_${i}`),
                q3: at(`q3_${i}`),
              },
            ]
          : [],
      ),
    };
  }

  async duplicateKeys(
    spec: DatasetQualitySpec,
    filter: QualityFilter,
    limit: number,
  ): Promise<DuplicateKeys> {
    const key = keyFields(spec);
    const grouped = ch.sql`SELECT ${ch.join(aliased(key, 'k'))}, count() AS occurrences
      FROM ${ch.table(spec.table)} FINAL ${where(rowFilter(spec, filter))}
      GROUP BY ${ch.join(aliases(key, 'k'))} HAVING occurrences > 1`;
    const [totals, examples] = await Promise.all([
      selectRows<{ dup_keys: number; dup_rows: number }>(
        this.client,
        ch.sql`SELECT count() AS dup_keys, sum(occurrences) AS dup_rows FROM (${grouped})`,
      ),
      selectRows<Row>(
        this.client,
        ch.sql`${grouped} ORDER BY occurrences DESC, ${ch.join(aliases(key, 'k'))} LIMIT ${ch.int(limit)}`,
      ),
    ]);
    return {
      keys: Number(totals[0]?.dup_keys ?? 0),
      rows: Number(totals[0]?.dup_rows ?? 0),
      examples: examples.map((row) => ({
        key: record(key, 'k', row),
        occurrences: Number(row['occurrences']),
      })),
    };
  }

  async find(
    spec: DatasetQualitySpec,
    check: Check,
    filter: QualityFilter,
    limit: number,
  ): Promise<Findings> {
    const key = keyFields(spec);
    const values = shownFields(spec, check);
    const conditions = where([...rowFilter(spec, filter), broken(spec, check)]);
    const from = ch.sql`FROM ${ch.table(spec.table)} FINAL ${conditions}`;
    const [count, examples] = await Promise.all([
      selectRows<{ n: number }>(this.client, ch.sql`SELECT count() AS n ${from}`),
      selectRows<Row>(
        this.client,
        ch.sql`SELECT ${ch.join([...aliased(key, 'k'), ...aliased(values, 'v')])} ${from}
          ORDER BY ${ch.join([...aliases(key, 'k'), ...aliases(values, 'v')])}
          LIMIT ${ch.int(limit)}`,
      ),
    ]);
    return {
      count: Number(count[0]?.n ?? 0),
      examples: examples.map((row) => ({
        key: record(key, 'k', row),
        values: record(values, 'v', row),
      })),
    };
  }

  async rejections(
    dataset: QualityDataset,
    filter: QualityFilter,
    limits: { reasons: number; examplesPerReason: number },
  ): Promise<StoredRejections> {
    const conditions = [ch.sql`dataset = ${ch.str(dataset)}`];
    if (filter.idPrefix !== undefined)
      conditions.push(ch.sql`position(raw, ${ch.str(filter.idPrefix)}) > 0`);
    const rejected = ch.sql`FROM ingest_rejections FINAL ${where(conditions)}`;
    const perReason = ch.sql`SELECT arrayJoin(reasons) AS original,
        replaceRegexpOne(original, ${ch.str(QUOTED_VALUE)}, '') AS reason,
        job_id, row_number, raw ${rejected}`;
    const [total, groups, examples] = await Promise.all([
      selectRows<{ n: number }>(this.client, ch.sql`SELECT count() AS n ${rejected}`),
      selectRows<{ reason: string; n: number }>(
        this.client,
        ch.sql`SELECT reason, count() AS n FROM (${perReason})
          GROUP BY reason ORDER BY n DESC, reason LIMIT ${ch.int(limits.reasons)}`,
      ),
      selectRows<{
        reason: string;
        original: string;
        job_id: string;
        row_number: number;
        raw: string;
      }>(
        this.client,
        ch.sql`SELECT reason, original, job_id, row_number, raw FROM (${perReason})
          ORDER BY reason, job_id, row_number, original
          LIMIT ${ch.int(limits.examplesPerReason)} BY reason`,
      ),
    ]);
    return {
      rows: Number(total[0]?.n ?? 0),
      reasons: groups.map((group) => ({
        reason: group.reason,
        count: Number(group.n),
        examples: examples
          .filter((example) => example.reason === group.reason)
          .map((example) => ({
            job_id: example.job_id,
            row_number: Number(example.row_number),
            reason: example.original,
            raw: example.raw,
          })),
      })),
    };
  }
}
