import {
  COLUMNS,
  generateDatasets,
  SMALL,
  toCsv,
  type Anomaly,
  type Dataset,
  type Row,
} from './generate';

/**
 * Finds defects the way an analyst's checks would, knowing nothing of how the generator planted
 * them: references to unknown ids, negative amounts, missing required values, unparseable dates,
 * and rows repeating the previous row.
 */
function findAnomalies(rows: Record<Dataset, Row[]>): Anomaly[] {
  const ids = (dataset: Dataset, key: string) => new Set(rows[dataset].map((r) => r[key]));
  const users = ids('ev.users', 'user_id');
  const clients = ids('banking.clients', 'client_id');
  const products = ids('retail.products', 'product_id');
  const isDate = (v: unknown) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
  const found: Anomaly[] = [];
  const check = (
    dataset: Dataset,
    rules: [Anomaly['kind'], string, (r: Row, i: number) => boolean][],
  ) => {
    rows[dataset].forEach((r, i) => {
      for (const [kind, field, bad] of rules)
        if (bad(r, i)) found.push({ dataset, row: i + 1, kind, field });
    });
  };
  const same = (dataset: Dataset) => (r: Row, i: number) =>
    i > 0 && JSON.stringify(r) === JSON.stringify(rows[dataset][i - 1]);
  check('ev.transactions', [
    ['duplicate', 'transaction_id', same('ev.transactions')],
    ['orphan', 'user_id', (r) => !users.has(r['user_id']!)],
    ['negative', 'energy_kwh', (r) => Number(r['energy_kwh']) < 0],
    ['unparseable_date', 'start_time', (r) => !isDate(r['start_time'])],
  ]);
  check('banking.transactions', [
    ['orphan', 'client_id', (r) => !clients.has(r['client_id']!)],
    ['null', 'amount', (r) => r['amount'] === null],
    ['unparseable_date', 'transaction_date', (r) => !isDate(r['transaction_date'])],
  ]);
  check('telemetry.readings', [
    [
      'null',
      'temperature',
      (r) => r['temperature'] === null && r['pressure'] === null && r['humidity'] === null,
    ],
    ['unparseable_date', 'timestamp', (r) => !isDate(r['timestamp'])],
  ]);
  check('energy.usage', [
    ['negative', 'usage_kwh', (r) => Number(r['usage_kwh']) < 0],
    ['null', 'usage_kwh', (r) => r['usage_kwh'] === null],
  ]);
  check('retail.sales', [
    ['orphan', 'product_id', (r) => !products.has(r['product_id']!)],
    ['negative', 'quantity', (r) => Number(r['quantity']) < 0],
    ['duplicate', 'sale_id', same('retail.sales')],
  ]);
  return found;
}

const order = (a: Anomaly[]) =>
  [...a].sort((x, y) =>
    `${x.dataset}${x.row}${x.kind}`.localeCompare(`${y.dataset}${y.row}${y.kind}`),
  );

describe('generateDatasets', () => {
  it('gives the same data for the same seed, and other data for another', () => {
    const a = generateDatasets({ seed: 42, scale: SMALL, anomalyRate: 0.1 });
    expect(generateDatasets({ seed: 42, scale: SMALL, anomalyRate: 0.1 })).toEqual(a);
    expect(generateDatasets({ seed: 43, scale: SMALL, anomalyRate: 0.1 }).rows).not.toEqual(a.rows);
  });

  it('is clean and referentially consistent with no anomalies requested', () => {
    const { rows, anomalies } = generateDatasets({ seed: 7, scale: SMALL, anomalyRate: 0 });
    expect(anomalies).toEqual([]);
    expect(findAnomalies(rows)).toEqual([]);
    expect(rows['telemetry.readings']).toHaveLength(SMALL.sensors * SMALL.readingsPerSensor);
    expect(rows['energy.usage']).toHaveLength(SMALL.energyUsers * SMALL.energyDays);
  });

  it('plants anomalies that independent checks find, all of them and nothing else', () => {
    const { rows, anomalies } = generateDatasets({ seed: 2026, scale: SMALL, anomalyRate: 0.15 });
    expect(anomalies.length).toBeGreaterThan(10);
    expect(order(findAnomalies(rows))).toEqual(order(anomalies));
  });

  it('prefixes every id, orphans included, and changes nothing else', () => {
    const plain = generateDatasets({ seed: 5, scale: SMALL, anomalyRate: 0.15 });
    const prefixed = generateDatasets({ seed: 5, scale: SMALL, anomalyRate: 0.15, prefix: 'q1-' });
    const ID = /^(user_id|charger_id|client_id|product_id|sensor_id|transaction_id|sale_id)$/;
    const strip = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          if (!ID.test(k)) return [k, v];
          expect(v).toMatch(/^q1-/);
          return [k, String(v).slice('q1-'.length)];
        }),
      );
    for (const [dataset, rows] of Object.entries(prefixed.rows))
      expect(rows.map(strip)).toEqual(plain.rows[dataset as keyof typeof plain.rows]);
    expect(prefixed.anomalies).toEqual(plain.anomalies);
  });
});

describe('toCsv', () => {
  it('writes the canonical header, quotes what needs quoting, leaves nulls empty, ends lines with CRLF', () => {
    const csv = toCsv('banking.clients', [
      {
        client_id: 'c-1',
        name: 'Souza, Ana "Nina"',
        email: null,
        country: 'PT',
        created_at: '2020-01-15T00:00:00Z',
      },
    ]);
    expect(csv).toBe(
      `${COLUMNS['banking.clients'].join(',')}\r\nc-1,"Souza, Ana ""Nina""",,PT,2020-01-15T00:00:00Z\r\n`,
    );
  });
});
