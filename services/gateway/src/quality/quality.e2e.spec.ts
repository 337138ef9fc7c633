import { DATASETS } from '@tributary/contracts';
import {
  COLUMNS,
  fileRowNumber,
  toCsv,
  type Anomaly,
  type Dataset,
  type Row,
} from '@tributary/testing';
import { datasetApiBed } from '../testing/dataset-api.test-bed';
import { type QualityReport } from './quality.dto';

/**
 * Every dataset generated with anomalies planted (15 % of fact rows), taken through the deployed
 * path; each report must find exactly what was planted. Expected values are computed here from
 * the generated rows, not by SQL: the accepted rows are the generated ones minus those the
 * planted `null` and `unparseable_date` anomalies make file-ingest reject.
 */

type Kind = 'text' | 'number' | 'instant' | 'day';
/** How each field's values compare, as the datasets' parsing rules read them. */
const KINDS: Record<string, Kind> = {
  latitude: 'number',
  longitude: 'number',
  power_kw: 'number',
  energy_kwh: 'number',
  cost: 'number',
  amount: 'number',
  temperature: 'number',
  pressure: 'number',
  humidity: 'number',
  usage_kwh: 'number',
  price: 'number',
  quantity: 'number',
  start_time: 'instant',
  end_time: 'instant',
  created_at: 'instant',
  transaction_date: 'instant',
  timestamp: 'instant',
  signup_date: 'day',
  date: 'day',
  sale_date: 'day',
};
const kindOf = (field: string): Kind => KINDS[field] ?? 'text';

const KEYS: Record<Dataset, string[]> = {
  'ev.users': ['user_id'],
  'ev.chargers': ['charger_id'],
  'ev.transactions': ['transaction_id'],
  'banking.clients': ['client_id'],
  'banking.transactions': ['transaction_id'],
  'telemetry.readings': ['sensor_id', 'timestamp'],
  'energy.usage': ['user_id', 'date'],
  'retail.products': ['product_id'],
  'retail.sales': ['sale_id'],
};

/** A value as compared: instants as epoch ms, numbers as numbers, the rest as text. */
const normal = (field: string, value: unknown): string | number | null => {
  if (value === null || value === undefined || value === '') return null;
  switch (kindOf(field)) {
    case 'number':
      return Number(value);
    case 'instant':
      return Date.parse(String(value));
    default:
      return String(value);
  }
};

const keyOf = (dataset: Dataset, row: Record<string, unknown>) =>
  JSON.stringify(KEYS[dataset].map((field) => normal(field, row[field])));

/** The reason file-ingest gives a planted anomaly, without its quoted value. */
function rejectionReason(anomaly: Anomaly): string | undefined {
  if (anomaly.kind === 'unparseable_date') return `${anomaly.field}: must be an ISO-8601 date-time`;
  if (anomaly.kind !== 'null') return undefined;
  return anomaly.dataset === 'telemetry.readings'
    ? 'temperature: at least one of temperature, pressure, humidity is required'
    : `${anomaly.field}: is required`;
}

/** Q1 and Q3 as documented: indexes floor(0.25·n) and floor(0.75·n) of the sorted values. */
function tukey(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = sorted[Math.floor(sorted.length * 0.25)]!;
  const q3 = sorted[Math.floor(sorted.length * 0.75)]!;
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - 1.5 * iqr, upper: q3 + 1.5 * iqr };
}

describe('GET /v1/quality/{dataset} on generated data with planted anomalies', () => {
  const bed = datasetApiBed('quality-e2e', { anomalyRate: 0.15 });

  const anomaliesOf = (dataset: Dataset) => bed.anomalies.filter((a) => a.dataset === dataset);
  const rowsOf = (dataset: Dataset) => {
    const rejected = new Set(
      anomaliesOf(dataset)
        .filter((a) => rejectionReason(a) !== undefined)
        .map((a) => a.row),
    );
    return {
      all: bed.rows[dataset],
      accepted: bed.rows[dataset].filter((_, i) => !rejected.has(i + 1)),
    };
  };
  const report = async (dataset: Dataset) => {
    const { status, body } = await bed.get<QualityReport>(
      `/v1/quality/${dataset}?id_prefix=${encodeURIComponent(bed.prefix)}`,
    );
    expect(status).toBe(200);
    return body;
  };

  it('plants at least one anomaly of every kind', () => {
    expect(new Set(bed.anomalies.map((a) => a.kind))).toEqual(
      new Set(['duplicate', 'null', 'negative', 'orphan', 'unparseable_date']),
    );
  });

  it.each(DATASETS)(
    '%s: rows, null rates and distinct counts of the accepted rows',
    async (dataset) => {
      const { accepted } = rowsOf(dataset);
      const body = await report(dataset);
      expect(body.dataset).toBe(dataset);
      expect(body.rows).toBe(accepted.length);
      expect(body.fields).toEqual(
        COLUMNS[dataset].map((field) => {
          const values = accepted.map((row) => normal(field, row[field]));
          const nulls = values.filter((v) => v === null).length;
          const text = kindOf(field) === 'text';
          return {
            field,
            nulls,
            null_rate: nulls / accepted.length,
            empty: text ? 0 : null,
            empty_rate: text ? 0 : null,
            distinct: new Set(values.filter((v) => v !== null)).size,
          };
        }),
      );
    },
  );

  it.each(DATASETS)('%s: the planted duplicates are the duplicate keys', async (dataset) => {
    const { all } = rowsOf(dataset);
    const planted = anomaliesOf(dataset)
      .filter((a) => a.kind === 'duplicate')
      .map((a) => keyOf(dataset, all[a.row - 1]!));
    const { duplicate_keys } = await report(dataset);
    expect(duplicate_keys.keys).toBe(planted.length);
    expect(duplicate_keys.rows).toBe(planted.length * 2);
    expect(duplicate_keys.examples.map((e) => keyOf(dataset, e.key)).sort()).toEqual(
      planted.slice(0, 10).sort(),
    );
    expect(duplicate_keys.examples.every((e) => e.occurrences === 2)).toBe(true);
  });

  it.each(DATASETS)('%s: the planted negatives are the values out of range', async (dataset) => {
    const { all } = rowsOf(dataset);
    const { out_of_range } = await report(dataset);
    for (const rule of out_of_range) {
      const planted = anomaliesOf(dataset).filter(
        (a) => a.kind === 'negative' && rule.fields.includes(a.field),
      );
      expect({ rule: rule.rule, count: rule.count }).toEqual({
        rule: rule.rule,
        count: planted.length,
      });
      expect(rule.examples.map((e) => keyOf(dataset, e.key)).sort()).toEqual(
        planted
          .map((a) => keyOf(dataset, all[a.row - 1]!))
          .sort()
          .slice(0, 10),
      );
    }
    const negatives = anomaliesOf(dataset).filter((a) => a.kind === 'negative');
    const checked = new Set(out_of_range.flatMap((rule) => rule.fields));
    expect(negatives.filter((a) => !checked.has(a.field))).toEqual([]);
  });

  it.each(DATASETS)('%s: the planted orphans are the orphan references', async (dataset) => {
    const { all } = rowsOf(dataset);
    const { orphans } = await report(dataset);
    for (const reference of orphans) {
      const planted = anomaliesOf(dataset).filter(
        (a) => a.kind === 'orphan' && a.field === reference.field,
      );
      expect(reference.count).toBe(planted.length);
      expect(reference.examples.map((e) => keyOf(dataset, e.key)).sort()).toEqual(
        planted
          .map((a) => keyOf(dataset, all[a.row - 1]!))
          .sort()
          .slice(0, 10),
      );
      for (const example of reference.examples)
        expect(example.values[reference.field]).toBe(
          all.find((row) => keyOf(dataset, row) === keyOf(dataset, example.key))![reference.field],
        );
    }
    const planted = anomaliesOf(dataset).filter((a) => a.kind === 'orphan');
    expect(planted.every((a) => orphans.some((o) => o.field === a.field))).toBe(true);
  });

  it.each(DATASETS)('%s: outliers by the IQR rule', async (dataset) => {
    const { accepted } = rowsOf(dataset);
    const { outliers } = await report(dataset);
    const numeric = COLUMNS[dataset].filter((field) => kindOf(field) === 'number');
    expect(outliers.map((o) => o.field)).toEqual(numeric);
    for (const outlier of outliers) {
      const field = outlier.field;
      const values = accepted.flatMap((row: Row) => {
        const value = normal(field, row[field]);
        return value === null ? [] : [value as number];
      });
      const fences = tukey(values);
      const outside = accepted.filter((row) => {
        const value = normal(field, row[field]) as number | null;
        return value !== null && (value < fences.lower || value > fences.upper);
      });
      expect(outlier).toEqual({
        field,
        values: values.length,
        q1: fences.q1,
        q3: fences.q3,
        iqr: fences.iqr,
        lower_fence: fences.lower,
        upper_fence: fences.upper,
        count: outside.length,
        examples: expect.any(Array),
      });
      const expectedKeys = new Set(outside.map((row) => keyOf(dataset, row)));
      expect(outlier.examples).toHaveLength(Math.min(10, outside.length));
      for (const example of outlier.examples) {
        expect(expectedKeys.has(keyOf(dataset, example.key))).toBe(true);
        const value = example.values[field] as number;
        expect(value < fences.lower || value > fences.upper).toBe(true);
      }
    }
  });

  it.each(DATASETS)('%s: rejected rows grouped by reason', async (dataset) => {
    const { all } = rowsOf(dataset);
    const job = bed.jobs.get(dataset)!;
    const byReason = new Map<string, Anomaly[]>();
    for (const anomaly of anomaliesOf(dataset)) {
      const reason = rejectionReason(anomaly);
      if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), anomaly]);
    }
    const { rejections } = await report(dataset);
    expect(rejections.rows).toBe([...byReason.values()].flat().length);
    expect(job.rows.rejected).toBe(rejections.rows);
    const expected = [...byReason.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
      .map(([reason, anomalies]) => ({
        reason,
        count: anomalies.length,
        examples: anomalies
          .map((a) => a.row)
          .sort((a, b) => a - b)
          .slice(0, 3)
          .map((row) => ({
            job_id: job.job_id,
            // The bed uploads each dataset as CSV: the row's line in it.
            row_number: fileRowNumber(`${dataset}.csv`, row),
            reason: expect.stringMatching(/^.+$/) as unknown as string,
            raw: toCsv(dataset, [all[row - 1]!]).split('\r\n')[1]!,
          })),
      }));
    expect(rejections.reasons).toEqual(expected);
    for (const group of rejections.reasons)
      for (const example of group.examples)
        expect(example.reason.startsWith(group.reason)).toBe(true);
  });

  it('shows only this run’s ids in every example', async () => {
    for (const dataset of DATASETS) {
      const body = await report(dataset);
      const keys = [
        ...body.duplicate_keys.examples.map((e) => e.key),
        ...[...body.out_of_range, ...body.orphans, ...body.outliers].flatMap((check) =>
          check.examples.map((e) => e.key),
        ),
      ];
      expect(keys.every((key) => bed.ours(key[KEYS[dataset][0]!]))).toBe(true);
    }
  });

  // Last: its rows are this run's too, and would change the counts the tests above expect.
  it('counts the declared validation rules among the rejections by reason: e-mail, time order, days that exist', async () => {
    const p = `${bed.prefix}rules-`;
    const user = (id: string, email: string, signup_date: string): Row => ({
      user_id: `${p}${id}`,
      first_name: 'Ana',
      last_name: 'Lopes',
      email,
      phone: null,
      signup_date,
    });
    const session = (id: string, start_time: string, end_time: string): Row => ({
      transaction_id: `${p}${id}`,
      user_id: `${p}u1`,
      charger_id: `${p}c1`,
      start_time,
      end_time,
      energy_kwh: 5,
      cost: null,
      currency: null,
    });
    const users = [
      user('u1', 'ana@example.com', '2026-10-01'),
      user('u2', 'ana.example.com', '2026-10-01'),
      user('u3', 'bo@example.com', '2026-02-30'),
    ];
    const sessions = [
      session('t1', '2026-10-01T10:00:00Z', '2026-10-01T11:00:00Z'),
      session('t2', '2026-10-01T10:00:00Z', '2026-10-01T09:00:00Z'),
    ];
    const usersJob = await bed.ingest('ev.users', users);
    const sessionsJob = await bed.ingest('ev.transactions', sessions);
    expect([usersJob.rows, sessionsJob.rows]).toEqual([
      { read: 3, accepted: 1, rejected: 2 },
      { read: 2, accepted: 1, rejected: 1 },
    ]);
    const rejectionsOf = async (dataset: Dataset) =>
      (await bed.get<QualityReport>(`/v1/quality/${dataset}?id_prefix=${encodeURIComponent(p)}`))
        .body.rejections;
    // Each file's header is line 1: u2 is on line 3, u3 on line 4, t2 on line 3.
    const line = (dataset: Dataset, rows: Row[], i: number) =>
      toCsv(dataset, [rows[i]!]).split('\r\n')[1]!;
    expect(await rejectionsOf('ev.users')).toEqual({
      rows: 2,
      reasons: [
        {
          reason: 'email: must be an e-mail address such as name@example.com',
          count: 1,
          examples: [
            {
              job_id: usersJob.job_id,
              row_number: 3,
              reason:
                'email: must be an e-mail address such as name@example.com, got "ana.example.com"',
              raw: line('ev.users', users, 1),
            },
          ],
        },
        {
          reason: 'signup_date: is not a day of the calendar',
          count: 1,
          examples: [
            {
              job_id: usersJob.job_id,
              row_number: 4,
              reason: 'signup_date: is not a day of the calendar, got "2026-02-30"',
              raw: line('ev.users', users, 2),
            },
          ],
        },
      ],
    });
    expect(await rejectionsOf('ev.transactions')).toEqual({
      rows: 1,
      reasons: [
        {
          reason: 'end_time: must not be before start_time',
          count: 1,
          examples: [
            {
              job_id: sessionsJob.job_id,
              row_number: 3,
              reason: 'end_time: must not be before start_time, got "2026-10-01T09:00:00.000Z"',
              raw: line('ev.transactions', sessions, 1),
            },
          ],
        },
      ],
    });
  });

  it('answers 404 naming the datasets for an unknown one, 400 for an unknown parameter', async () => {
    const missing = await bed.get<{ type: string; detail: string }>('/v1/quality/ev.cars');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('/problems/not-found');
    expect(missing.body.detail).toBe(
      `There is no dataset "ev.cars"; the datasets are ${DATASETS.join(', ')}`,
    );
    const unknown = await bed.get<{ type: string }>('/v1/quality/ev.users?limit=3');
    expect(unknown.status).toBe(400);
    expect(unknown.body.type).toBe('/problems/validation-failed');
  });
});
