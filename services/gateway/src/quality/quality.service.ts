import { Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import {
  describeRule,
  isQualityDataset,
  QUALITY_DATASETS,
  QUALITY_SPECS,
  ruleFields,
  type DatasetQualitySpec,
} from './quality.datasets';
import { type QualityQuery, type QualityReport } from './quality.dto';
import {
  QUALITY_STORE,
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
 * The quality report of a dataset: the profile first (rows, per-field counts, quartiles), then
 * every check at once, the outlier checks using the fences the quartiles gave.
 */
@Injectable()
export class QualityService {
  constructor(@Inject(QUALITY_STORE) private readonly store: QualityStore) {}

  async report(dataset: string, query: QualityQuery): Promise<QualityReport> {
    if (!isQualityDataset(dataset))
      throw new ProblemException(
        'not-found',
        `There is no dataset ${JSON.stringify(dataset)}; the datasets are ${QUALITY_DATASETS.join(', ')}`,
      );
    const spec: DatasetQualitySpec = QUALITY_SPECS[dataset];
    const filter: QualityFilter =
      query.id_prefix === undefined ? {} : { idPrefix: query.id_prefix };
    const profile = await this.store.profile(spec, filter);
    const textFields = new Set(spec.fields.filter((f) => f.type === 'text').map((f) => f.name));

    const [duplicates, rules, orphans, outliers, rejections] = await Promise.all([
      this.store.duplicateKeys(spec, filter, EXAMPLES),
      Promise.all(
        spec.rules.map(async (rule) => ({
          rule: describeRule(rule),
          fields: ruleFields(rule),
          ...(await this.store.find(spec, { kind: 'rule', rule }, filter, EXAMPLES)),
        })),
      ),
      Promise.all(
        spec.references.map(async (reference) => ({
          field: reference.field,
          references: reference.dataset,
          ...(await this.store.find(spec, { kind: 'orphan', reference }, filter, EXAMPLES)),
        })),
      ),
      Promise.all(
        profile.quartiles.map(async (quartiles) => {
          const fences = fencesOf(quartiles);
          const found = fences
            ? await this.store.find(
                spec,
                {
                  kind: 'outside',
                  field: quartiles.field,
                  lower: fences.lower,
                  upper: fences.upper,
                },
                filter,
                EXAMPLES,
              )
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
      ),
      this.store.rejections(spec.dataset, filter, {
        reasons: REJECTION_REASONS,
        examplesPerReason: REJECTION_EXAMPLES,
      }),
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
