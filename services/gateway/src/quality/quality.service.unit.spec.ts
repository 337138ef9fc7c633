import { ProblemException } from '../http/problem';
import { type DatasetQualitySpec } from './quality.datasets';
import { fencesOf, QualityService } from './quality.service';
import {
  type Check,
  type Finding,
  type QualityFilter,
  type QualityStore,
  type StoredProfile,
  type StoredProfileWithCounts,
} from './quality.store';

/**
 * A store answering fixed measurements (every check broken once) and recording what it was
 * asked: the checks counted, and those whose examples were read.
 */
class FakeStore implements QualityStore {
  readonly counted: { check: Check; filter: QualityFilter }[] = [];
  readonly checks: { check: Check; filter: QualityFilter; limit: number }[] = [];
  rejectionFilter: QualityFilter | undefined;
  duplicatesAsked = 0;

  constructor(
    private readonly stored: StoredProfile,
    private readonly broken = 1,
  ) {}

  profile(
    _spec: DatasetQualitySpec,
    filter: QualityFilter,
    checks: readonly Check[],
  ): Promise<StoredProfileWithCounts> {
    return this.count(_spec, checks, filter).then((counts) => ({ ...this.stored, counts }));
  }

  count(_spec: DatasetQualitySpec, checks: readonly Check[], filter: QualityFilter) {
    this.counted.push(...checks.map((check) => ({ check, filter })));
    return Promise.resolve(checks.map(() => this.broken));
  }

  duplicateKeys() {
    this.duplicatesAsked++;
    return Promise.resolve({
      keys: 1,
      rows: 3,
      examples: [{ key: { sale_id: 's-1' }, occurrences: 3 }],
    });
  }

  examples(
    _spec: DatasetQualitySpec,
    check: Check,
    filter: QualityFilter,
    limit: number,
  ): Promise<Finding[]> {
    this.checks.push({ check, filter, limit });
    const field =
      check.kind === 'rule'
        ? check.rule.field
        : check.kind === 'orphan'
          ? check.reference.field
          : check.field;
    return Promise.resolve([{ key: { sale_id: 's-9' }, values: { [field]: -1 } }]);
  }

  rejections(_dataset: string, filter: QualityFilter) {
    this.rejectionFilter = filter;
    return Promise.resolve({ rows: 0, reasons: [] });
  }
}

const SALES_PROFILE: StoredProfile = {
  rows: 8,
  fields: [
    { field: 'sale_id', nulls: 0, empty: 1, distinct: 7 },
    { field: 'product_id', nulls: 2, empty: 0, distinct: 3 },
    { field: 'quantity', nulls: 0, empty: 0, distinct: 4 },
    { field: 'amount', nulls: 1, empty: 0, distinct: 5 },
    { field: 'sale_date', nulls: 0, empty: 0, distinct: 2 },
  ],
  quartiles: [
    { field: 'quantity', values: 8, q1: 1, q3: 3 },
    { field: 'amount', values: 0, q1: 0, q3: 0 },
  ],
};

describe('QualityService', () => {
  it('assembles the report: rates of the rows, empty rates of text only, every check', async () => {
    const store = new FakeStore(SALES_PROFILE);
    const report = await new QualityService(store).report('retail.sales', {});
    expect(report.rows).toBe(8);
    expect(report.id_prefix).toBeNull();
    expect(report.fields).toEqual([
      { field: 'sale_id', nulls: 0, null_rate: 0, empty: 1, empty_rate: 0.125, distinct: 7 },
      { field: 'product_id', nulls: 2, null_rate: 0.25, empty: 0, empty_rate: 0, distinct: 3 },
      { field: 'quantity', nulls: 0, null_rate: 0, empty: null, empty_rate: null, distinct: 4 },
      { field: 'amount', nulls: 1, null_rate: 0.125, empty: null, empty_rate: null, distinct: 5 },
      { field: 'sale_date', nulls: 0, null_rate: 0, empty: null, empty_rate: null, distinct: 2 },
    ]);
    expect(report.duplicate_keys).toEqual({
      key: ['sale_id'],
      keys: 1,
      rows: 3,
      examples: [{ key: { sale_id: 's-1' }, occurrences: 3 }],
    });
    expect(report.out_of_range.map((r) => [r.rule, r.fields, r.count])).toEqual([
      ['quantity > 0', ['quantity'], 1],
      ['amount >= 0', ['amount'], 1],
    ]);
    expect(report.orphans.map((o) => [o.field, o.references, o.count])).toEqual([
      ['product_id', 'retail.products', 1],
    ]);
  });

  it('derives the fences from the quartiles and asks only for values outside them', async () => {
    const store = new FakeStore(SALES_PROFILE);
    const report = await new QualityService(store).report('retail.sales', {});
    expect(report.outliers).toEqual([
      {
        field: 'quantity',
        values: 8,
        q1: 1,
        q3: 3,
        iqr: 2,
        lower_fence: -2,
        upper_fence: 6,
        count: 1,
        examples: [{ key: { sale_id: 's-9' }, values: { quantity: -1 } }],
      },
      // No value: no quartiles, and nothing asked of the store.
      {
        field: 'amount',
        values: 0,
        q1: null,
        q3: null,
        iqr: null,
        lower_fence: null,
        upper_fence: null,
        count: 0,
        examples: [],
      },
    ]);
    expect(store.counted.filter(({ check }) => check.kind === 'outside')).toEqual([
      { check: { kind: 'outside', field: 'quantity', lower: -2, upper: 6 }, filter: {} },
    ]);
    expect(store.checks.filter(({ check }) => check.kind === 'outside')).toEqual([
      { check: { kind: 'outside', field: 'quantity', lower: -2, upper: 6 }, filter: {}, limit: 10 },
    ]);
  });

  it('counts every check, and reads examples only of those something breaks', async () => {
    const store = new FakeStore(SALES_PROFILE, 0);
    const report = await new QualityService(store).report('retail.sales', {});
    expect(store.counted.map(({ check }) => check.kind)).toEqual([
      'rule',
      'rule',
      'orphan',
      'outside',
    ]);
    expect(store.checks).toEqual([]);
    expect(report.out_of_range.map((r) => [r.rule, r.count, r.examples])).toEqual([
      ['quantity > 0', 0, []],
      ['amount >= 0', 0, []],
    ]);
    expect(report.orphans.map((o) => [o.field, o.count, o.examples])).toEqual([
      ['product_id', 0, []],
    ]);
    expect(report.outliers.map((o) => [o.field, o.count, o.examples])).toEqual([
      ['quantity', 0, []],
      ['amount', 0, []],
    ]);
  });

  it('looks for duplicates of a single-field key only when it has fewer distinct values than rows', async () => {
    const unique: StoredProfile = {
      ...SALES_PROFILE,
      fields: SALES_PROFILE.fields.map((f) => (f.field === 'sale_id' ? { ...f, distinct: 8 } : f)),
    };
    const store = new FakeStore(unique);
    const report = await new QualityService(store).report('retail.sales', {});
    expect(store.duplicatesAsked).toBe(0);
    expect(report.duplicate_keys).toEqual({ key: ['sale_id'], keys: 0, rows: 0, examples: [] });
    const withDuplicates = new FakeStore(SALES_PROFILE);
    await new QualityService(withDuplicates).report('retail.sales', {});
    expect(withDuplicates.duplicatesAsked).toBe(1);
  });

  it('passes the id prefix to every read', async () => {
    const store = new FakeStore(SALES_PROFILE);
    const report = await new QualityService(store).report('retail.sales', { id_prefix: 'acme-' });
    expect(report.id_prefix).toBe('acme-');
    expect(store.checks.every(({ filter }) => filter.idPrefix === 'acme-')).toBe(true);
    expect(store.counted.every(({ filter }) => filter.idPrefix === 'acme-')).toBe(true);
    expect(store.rejectionFilter).toEqual({ idPrefix: 'acme-' });
  });

  it('gives rates of 0 for a dataset without rows', async () => {
    const store = new FakeStore({
      rows: 0,
      fields: SALES_PROFILE.fields.map((f) => ({ ...f, nulls: 0, empty: 0, distinct: 0 })),
      quartiles: [],
    });
    const report = await new QualityService(store).report('retail.sales', {});
    expect(report.fields.every((f) => f.null_rate === 0 && (f.empty_rate ?? 0) === 0)).toBe(true);
  });

  it('answers not-found listing the datasets for an unknown one', async () => {
    const quality = new QualityService(new FakeStore(SALES_PROFILE));
    const error = await quality.report('ev.cars', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect(error).toMatchObject({
      slug: 'not-found',
      detail:
        'There is no dataset "ev.cars"; the datasets are ev.users, ev.chargers, ev.transactions, banking.clients, banking.transactions, telemetry.readings, energy.usage, retail.products, retail.sales',
    });
  });

  it('computes Tukey fences in the documented order of operations', () => {
    expect(fencesOf({ field: 'x', values: 4, q1: 0.1, q3: 0.3 })).toEqual({
      q1: 0.1,
      q3: 0.3,
      iqr: 0.3 - 0.1,
      lower: 0.1 - 1.5 * (0.3 - 0.1),
      upper: 0.3 + 1.5 * (0.3 - 0.1),
    });
    expect(fencesOf({ field: 'x', values: 0, q1: 0, q3: 0 })).toBeUndefined();
  });
});
