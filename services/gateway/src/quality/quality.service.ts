import { DATASETS, isDataset } from '@tributary/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import {
  describeRule,
  QUALITY_SPECS,
  ruleFields,
  type DatasetQualitySpec,
} from './quality.datasets';
import { type QualityQuery, type QualityReport } from './quality.dto';
import {
  QUALITY_STORE,
  type Check,
  type QualityFilter,
  type QualityStore,
  type StoredQuartiles,
} from './quality.store';

/** Examples per finding, and per rejection reason: enough to look at, bounded. */
export const EXAMPLES = 10;
export const REJECTION_EXAMPLES = 3;
export const REJECTION_REASONS = 100;

const rate = (count: number, rows: number) => (rows === 0 ? 0 : count / rows);

/** Tukey's fences of a field's quartiles; none when the field has no value. */
export function fencesOf(quartiles: StoredQuartiles) {
  if (quartiles.values === 0) return undefined;
  const { q1, q3 } = quartiles;
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - 1.5 * iqr, upper: q3 + 1.5 * iqr };
}

/**
 * The quality report of a dataset in a few waves of reads: the profile (rows, per-field counts,
 * quartiles) with the counts of every rule and reference, beside the rejections (and a composite
 * key's duplicates); then the outlier counts, using the fences the quartiles gave, in one read;
 * examples only of the checks something breaks.
 */
@Injectable()
export class QualityService {
  constructor(@Inject(QUALITY_STORE) private readonly store: QualityStore) {}

  async report(dataset: string, query: QualityQuery): Promise<QualityReport> {
    if (!isDataset(dataset))
      throw new ProblemException(
        'not-found',
        `There is no dataset ${JSON.stringify(dataset)}; the datasets are ${DATASETS.join(', ')}`,
      );
    return this.reportOf(QUALITY_SPECS[dataset], query);
  }

  /** The report of any dataset's spec: the nine's, or one a test derives from a declaration. */
  async reportOf(spec: DatasetQualitySpec, query: QualityQuery): Promise<QualityReport> {
    const filter: QualityFilter =
      query.id_prefix === undefined ? {} : { idPrefix: query.id_prefix };
    const limit = EXAMPLES;
    const ruleChecks: Check[] = spec.rules.map((rule) => ({ kind: 'rule', rule }));
    const orphanChecks: Check[] = spec.references.map((reference) => ({
      kind: 'orphan',
      reference,
    }));
    // A composite key's duplicates are looked for beside the profile; a single field's only when
    // the profile says the key has fewer distinct values than there are rows.
    const compositeKey = spec.key.length > 1;
    const rejectionsRead = this.store.rejections(spec.dataset, filter, {
      reasons: REJECTION_REASONS,
      examplesPerReason: REJECTION_EXAMPLES,
    });
    const compositeDuplicates = compositeKey
      ? this.store.duplicateKeys(spec, filter, limit)
      : undefined;
    // Settled at once: when one read fails, the others' rejections are not left unhandled.
    void rejectionsRead.catch(() => undefined);
    void compositeDuplicates?.catch(() => undefined);

    const profile = await this.store.profile(spec, filter, [...ruleChecks, ...orphanChecks]);
    const textFields = new Set(spec.fields.filter((f) => f.type === 'text').map((f) => f.name));
    const countOf = (check: number) => profile.counts[check] ?? 0;
    const findings = async (check: Check, count: number) => ({
      count,
      examples: count > 0 ? await this.store.examples(spec, check, filter, limit) : [],
    });
    const keyField = profile.fields.find((field) => field.field === spec.key[0]);
    const singleKeyUnique = !compositeKey && keyField?.distinct === profile.rows;

    const outlierChecks = profile.quartiles.map((quartiles) => {
      const fences = fencesOf(quartiles);
      return {
        quartiles,
        fences,
        check: fences
          ? ({
              kind: 'outside',
              field: quartiles.field,
              lower: fences.lower,
              upper: fences.upper,
            } satisfies Check)
          : undefined,
      };
    });

    const [duplicates, rules, orphans, outliers, rejections] = await Promise.all([
      compositeDuplicates ??
        (singleKeyUnique
          ? Promise.resolve({ keys: 0, rows: 0, examples: [] })
          : this.store.duplicateKeys(spec, filter, limit)),
      Promise.all(
        spec.rules.map(async (rule, i) => ({
          rule: describeRule(rule),
          fields: ruleFields(rule),
          ...(await findings(ruleChecks[i]!, countOf(i))),
        })),
      ),
      Promise.all(
        spec.references.map(async (reference, i) => ({
          field: reference.field,
          references: reference.dataset,
          ...(await findings(orphanChecks[i]!, countOf(ruleChecks.length + i))),
        })),
      ),
      (async () => {
        const asked = outlierChecks.flatMap(({ check }) => (check ? [check] : []));
        const counts = asked.length > 0 ? await this.store.count(spec, asked, filter) : [];
        return Promise.all(
          outlierChecks.map(async ({ quartiles, fences, check }) => {
            const found = check
              ? await findings(check, counts[asked.indexOf(check)] ?? 0)
              : { count: 0, examples: [] };
            return {
              field: quartiles.field,
              values: quartiles.values,
              q1: fences?.q1 ?? null,
              q3: fences?.q3 ?? null,
              iqr: fences?.iqr ?? null,
              lower_fence: fences?.lower ?? null,
              upper_fence: fences?.upper ?? null,
              ...found,
            };
          }),
        );
      })(),
      rejectionsRead,
    ]);

    return {
      dataset: spec.dataset,
      id_prefix: query.id_prefix ?? null,
      rows: profile.rows,
      fields: profile.fields.map((field) => {
        const text = textFields.has(field.field);
        return {
          field: field.field,
          nulls: field.nulls,
          null_rate: rate(field.nulls, profile.rows),
          empty: text ? field.empty : null,
          empty_rate: text ? rate(field.empty, profile.rows) : null,
          distinct: field.distinct,
        };
      }),
      duplicate_keys: { key: [...spec.key], ...duplicates },
      out_of_range: rules,
      orphans,
      outliers,
      rejections,
    };
  }
}
