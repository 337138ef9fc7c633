import { type ClickHouseClient } from '@clickhouse/client';
import { ch } from '@tributary/platform';
import { selectRows } from '../http/clickhouse-rows';
import {
  fieldOf,
  isNumeric,
  qualityColumnsOf,
  READING_MILLIS,
  ruleFields,
  type DatasetQualitySpec,
  type QualityDataset,
  type QualityField,
} from './quality.datasets';
import {
  type Check,
  type DuplicateKeys,
  type FieldValue,
  type Finding,
  type QualityFilter,
  type QualityStore,
  type StoredProfileWithCounts,
  type StoredRejections,
} from './quality.store';

type SqlFragment = ReturnType<typeof ch.raw>;
type Row = Record<string, unknown>;

/**
 * The part of a rejection reason that names the value (`, got "yesterday"`: file-ingest quotes the
 * value last, JSON-escaped, so it holds no newline). RE2 and JavaScript read it alike.
 */
export const QUOTED_VALUE = ', got ".*"$';

/** A field's column, checked against the columns its dataset's spec names (names only from code). */
const column = (spec: DatasetQualitySpec, field: QualityField) =>
  ch.ident(field.column, qualityColumnsOf(spec));

/** The field's value as compared, grouped and returned (see `FieldType`). */
function valueOf(spec: DatasetQualitySpec, field: QualityField): SqlFragment {
  const c = column(spec, field);
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
      return ch.sql`(toUInt64(toUnixTimestamp(${c})) * 1000 + ${ch.ident(READING_MILLIS, qualityColumnsOf(spec))})`;
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
  return [ch.sql`position(${column(spec, first)}, ${ch.str(filter.idPrefix)}) = 1`];
}

/** The condition a row breaking the check meets; NULL never breaks one. */
function broken(spec: DatasetQualitySpec, check: Check): SqlFragment {
  switch (check.kind) {
    case 'rule': {
      const { rule } = check;
      if (rule.kind === 'not-before')
        return ch.sql`ifNull(${valueOf(spec, fieldOf(spec, rule.field))} < ${valueOf(spec, fieldOf(spec, rule.other))}, 0)`;
      const value = valueOf(spec, fieldOf(spec, rule.field));
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
      return ch.sql`${column(spec, fieldOf(spec, reference.field))} NOT IN (SELECT ${ch.ident(reference.column, qualityColumnsOf(spec))} FROM ${ch.table(reference.table)})`;
    }
    case 'outside': {
      const value = valueOf(spec, fieldOf(spec, check.field));
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
const aliased = (spec: DatasetQualitySpec, fields: QualityField[], prefix: string) =>
  fields.map((field, i) => ch.sql`${valueOf(spec, field)} AS ${ch.raw(`${prefix}${i}`)}`);
const aliases = (fields: QualityField[], prefix: string) =>
  fields.map((_, i) => ch.raw(`${prefix}${i}`));
const record = (fields: QualityField[], prefix: string, row: Row) =>
  Object.fromEntries(fields.map((field, i) => [field.name, shown(field, row[`${prefix}${i}`])]));

/** Rows breaking the check, as an aggregate (`WHERE broken` keeps exactly these rows). */
const countOf = (spec: DatasetQualitySpec, check: Check, alias: string) =>
  ch.sql`countIf(ifNull(${broken(spec, check)}, 0)) AS ${ch.raw(alias)}`;

/**
 * The report's reads, each a FINAL scan of one dataset's table (so a corrected reading or a
 * re-versioned dimension row counts once), a few hundred bytes of SQL whatever the dataset.
 *
 * FINAL reads a table in one stream, so a statement uses one core of the server however big the
 * table: a report reads the table a few times at most, every measure it can in each read, and
 * the profile is split in two statements the server runs side by side (rows and the counts of
 * the non-numeric fields; the numeric fields, their quartiles and the checks' counts).
 */
export class ClickHouseQualityStore implements QualityStore {
  constructor(private readonly client: ClickHouseClient) {}

  private scan(spec: DatasetQualitySpec, filter: QualityFilter, measures: SqlFragment[]) {
    return selectRows<Row>(
      this.client,
      ch.sql`SELECT ${ch.join(measures)}
        FROM ${ch.table(spec.table)} FINAL ${where(rowFilter(spec, filter))}`,
    ).then((rows) => rows[0] ?? {});
  }

  async profile(
    spec: DatasetQualitySpec,
    filter: QualityFilter,
    checks: readonly Check[],
  ): Promise<StoredProfileWithCounts> {
    const first: SqlFragment[] = [ch.sql`count() AS row_count`];
    const second: SqlFragment[] = [];
    spec.fields.forEach((field, i) => {
      const c = column(spec, field);
      const value = valueOf(spec, field);
      const measures = isNumeric(field) ? second : first;
      measures.push(ch.sql`countIf(isNull(${c})) AS ${ch.raw(`nulls${i}`)}`);
      if (field.type === 'text')
        measures.push(ch.sql`countIf(ifNull(${c} = '', 0)) AS ${ch.raw(`empty${i}`)}`);
      measures.push(ch.sql`uniqExact(${value}) AS ${ch.raw(`distinct${i}`)}`);
      if (isNumeric(field)) {
        measures.push(ch.sql`countIf(isNotNull(${c})) AS ${ch.raw(`values${i}`)}`);
        // quantileExact(level) is the value at 0-based index floor(level · n) of the n non-null
        // values sorted ascending, on 18.16 as on current ClickHouse, and quantilesExact gives
        // the same values from one sort. With no value it is NaN (or 0), which JSON cannot
        // carry: 0 then, and `values` says it means nothing.
        measures.push(
          ch.sql`arrayMap(q -> if(isFinite(q), q, 0), quantilesExact(0.25, 0.75)(${value})) AS ${ch.raw(`quartiles${i}`)}`,
        );
      }
    });
    checks.forEach((check, i) => second.push(countOf(spec, check, `check${i}`)));
    const [one, two] = await Promise.all([
      this.scan(spec, filter, first),
      second.length > 0 ? this.scan(spec, filter, second) : Promise.resolve({} as Row),
    ]);
    const row: Row = { ...one, ...two };
    const at = (name: string) => Number(row[name] ?? 0);
    const quartile = (i: number, at: 0 | 1) => {
      const value = (row[`quartiles${i}`] as unknown[] | undefined)?.[at];
      return Number(value ?? 0);
    };
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
                q1: quartile(i, 0),
                q3: quartile(i, 1),
              },
            ]
          : [],
      ),
      counts: checks.map((_, i) => at(`check${i}`)),
    };
  }

  async count(
    spec: DatasetQualitySpec,
    checks: readonly Check[],
    filter: QualityFilter,
  ): Promise<number[]> {
    if (checks.length === 0) return [];
    const row = await this.scan(
      spec,
      filter,
      checks.map((check, i) => countOf(spec, check, `check${i}`)),
    );
    return checks.map((_, i) => Number(row[`check${i}`] ?? 0));
  }

  /**
   * Keys occurring more than once. A composite key is first checked group by group of its first
   * field (rows against distinct rest of the key: cheap, the groups are small); only when some
   * group holds a duplicate (or a NULL) is the whole key grouped.
   */
  async duplicateKeys(
    spec: DatasetQualitySpec,
    filter: QualityFilter,
    limit: number,
  ): Promise<DuplicateKeys> {
    const key = keyFields(spec);
    const none: DuplicateKeys = { keys: 0, rows: 0, examples: [] };
    if (key.length > 1) {
      const [head, ...rest] = key;
      const [excess] = await selectRows<{ excess: number }>(
        this.client,
        ch.sql`SELECT sum(n - u) AS excess FROM (
          SELECT ${valueOf(spec, head!)} AS k0, count() AS n, uniqExact(${ch.join(rest.map((field) => valueOf(spec, field)))}) AS u
          FROM ${ch.table(spec.table)} FINAL ${where(rowFilter(spec, filter))}
          GROUP BY k0)`,
      );
      if (Number(excess?.excess ?? 0) === 0) return none;
    }
    const grouped = ch.sql`SELECT ${ch.join(aliased(spec, key, 'k'))}, count() AS occurrences
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

  async examples(
    spec: DatasetQualitySpec,
    check: Check,
    filter: QualityFilter,
    limit: number,
  ): Promise<Finding[]> {
    const key = keyFields(spec);
    const values = shownFields(spec, check);
    const conditions = where([...rowFilter(spec, filter), broken(spec, check)]);
    const examples = await selectRows<Row>(
      this.client,
      ch.sql`SELECT ${ch.join([...aliased(spec, key, 'k'), ...aliased(spec, values, 'v')])}
        FROM ${ch.table(spec.table)} FINAL ${conditions}
        ORDER BY ${ch.join([...aliases(key, 'k'), ...aliases(values, 'v')])}
        LIMIT ${ch.int(limit)}`,
    );
    return examples.map((row) => ({
      key: record(key, 'k', row),
      values: record(values, 'v', row),
    }));
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
