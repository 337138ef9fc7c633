import { DATASETS } from '@tributary/contracts/src/datasets';
import { explain, type Page as ApiPage, type Session } from '../api/client';
import { chart } from '../charts/chart';
import { field, fill, h, notice, pagerButtons, select, table } from '../lib/dom';
import { type Page } from './page';

type Query = Record<string, string | number | undefined>;
type Cell = Node | string;

/** Every page of a list, for a chart (bounded: a chart of more points says nothing more). */
async function fetchAll<T>(
  session: Session,
  path: string,
  query: Query,
  max = 5_000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.get<ApiPage<T>>(path, { ...query, limit: 1000, cursor });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

/** A table paged with the API's own cursors (Previous keeps the cursors already walked). */
function pagedTable<T>(
  session: Session,
  caption: string,
  path: string,
  query: Query,
  headings: string[],
  cells: (row: T) => Cell[],
): HTMLElement {
  const holder = h('div', { class: 'paged' });
  const cursors: (string | undefined)[] = [undefined];
  const show = async () => {
    try {
      const page = await session.get<ApiPage<T>>(path, {
        ...query,
        limit: 25,
        cursor: cursors.at(-1),
      });
      fill(
        holder,
        table(caption, headings, page.items, cells),
        h('div', { class: 'actions' }, ...pagerButtons(cursors, page.next_cursor, show)),
      );
    } catch (error) {
      fill(holder, notice('error', explain(error)));
    }
  };
  void show();
  return holder;
}

const seconds = (iso: string) =>
  Date.parse(
    iso.length === 7 ? `${iso}-01T00:00:00Z` : iso.length === 10 ? `${iso}T00:00:00Z` : iso,
  ) / 1000;
const num = (v: string | number | null) => (v === null ? null : Number(v));
const input = (name: string, attrs: Record<string, string> = {}) => h('input', { name, ...attrs });

interface View {
  id: string;
  label: string;
  controls: () => { controls: HTMLElement[]; values: () => Record<string, string> };
  show: (
    session: Session,
    values: Record<string, string>,
  ) => Promise<{ nodes: Node[]; destroy: () => void }>;
}

const COLORS = { a: '#0b6e4f', b: '#1f4e9c', c: '#b3261e', d: '#7a4b00' };

const VIEWS: View[] = [
  {
    id: 'sensors',
    label: 'Sensor aggregates',
    controls: () => {
      const sensor = input('sensor_id', { placeholder: 'e.g. greenhouse-7' });
      const interval = select(['hour', 'day'], 'hour', { name: 'interval' });
      const metric = select(['temperature', 'pressure', 'humidity'], 'temperature', {
        name: 'metric',
      });
      return {
        controls: [field('Sensor', sensor), field('Interval', interval), field('Measure', metric)],
        values: () => ({
          sensor_id: sensor.value.trim(),
          interval: interval.value,
          metric: metric.value,
        }),
      };
    },
    show: async (session, v) => {
      type Summary = { min: number | null; max: number | null; avg: number | null; count: number };
      type Agg = { sensor_id: string; bucket_start: string; readings: number } & Record<
        string,
        Summary
      >;
      if (!v['sensor_id'])
        throw new Error('Name a sensor: aggregates are drawn one sensor at a time.');
      const query = { interval: v['interval'], sensor_id: v['sensor_id'] };
      const items = await fetchAll<Agg>(session, '/v1/sensors/aggregates', query);
      const m = v['metric']!;
      const c = chart({
        title: `${v['sensor_id']}: ${m} per ${v['interval']} (min, average, max)`,
        x: items.map((i) => seconds(i.bucket_start)),
        yLabel: m,
        series: [
          { label: 'max', values: items.map((i) => i[m]!.max), color: COLORS.c, bandTo: 2 },
          { label: 'average', values: items.map((i) => i[m]!.avg), color: COLORS.a },
          { label: 'min', values: items.map((i) => i[m]!.min), color: COLORS.b },
        ],
      });
      const rows = pagedTable<Agg>(
        session,
        'Aggregates',
        '/v1/sensors/aggregates',
        query,
        ['Bucket', 'Readings', `${m} min`, `${m} avg`, `${m} max`],
        (i) => [
          i.bucket_start,
          String(i.readings),
          String(i[m]!.min ?? '—'),
          String(i[m]!.avg ?? '—'),
          String(i[m]!.max ?? '—'),
        ],
      );
      return { nodes: [c.element, rows], destroy: c.destroy };
    },
  },
  {
    id: 'energy',
    label: 'Energy usage',
    controls: () => {
      const user = input('user_id', { placeholder: 'e.g. u-00002' });
      const threshold = input('threshold', {
        type: 'number',
        min: '0',
        step: 'any',
        placeholder: 'from the alerts',
      });
      return {
        controls: [
          field('User', user),
          field(
            'Threshold line (kWh)',
            threshold,
            'Left empty: the threshold the alerts were raised with.',
          ),
        ],
        values: () => ({ user_id: user.value.trim(), threshold: threshold.value }),
      };
    },
    show: async (session, v) => {
      type Usage = { user_id: string; period: string; usage_kwh: number; records: number };
      type Alert = { date: string; usage_kwh: number; threshold_kwh: number };
      if (!v['user_id']) throw new Error('Name a user: usage is drawn one user at a time.');
      const [usage, alerts] = await Promise.all([
        fetchAll<Usage>(session, '/v1/energy/usage', { user_id: v['user_id'], granularity: 'day' }),
        fetchAll<Alert>(session, '/v1/energy/alerts', { user_id: v['user_id'] }),
      ]);
      const threshold = v['threshold']
        ? Number(v['threshold'])
        : (alerts[0]?.threshold_kwh ?? null);
      const alerted = new Map(alerts.map((a) => [a.date, a.usage_kwh]));
      const c = chart({
        title: `${v['user_id']}: energy usage per day, with the threshold and the alerts`,
        x: usage.map((u) => seconds(u.period)),
        yLabel: 'kWh',
        series: [
          { label: 'usage (kWh)', values: usage.map((u) => u.usage_kwh), color: COLORS.a },
          { label: 'threshold', values: usage.map(() => threshold), color: COLORS.d, dash: true },
          {
            label: 'alert',
            values: usage.map((u) => alerted.get(u.period) ?? null),
            color: COLORS.c,
            pointsOnly: true,
          },
        ],
      });
      const rows = table(
        `Alerts of ${v['user_id']}`,
        ['Day', 'Usage (kWh)', 'Threshold (kWh)'],
        alerts,
        (a) => [a.date, String(a.usage_kwh), String(a.threshold_kwh)],
      );
      return { nodes: [c.element, rows], destroy: c.destroy };
    },
  },
  {
    id: 'chargers',
    label: 'Charger utilisation',
    controls: () => {
      const charger = input('charger_id', { placeholder: 'e.g. ch-00003' });
      const from = input('from', { type: 'date' });
      const to = input('to', { type: 'date' });
      return {
        controls: [field('Charger', charger), field('From', from), field('To (exclusive)', to)],
        values: () => ({ charger_id: charger.value.trim(), from: from.value, to: to.value }),
      };
    },
    show: async (session, v) => {
      type Analytics = {
        sessions: number;
        by_hour_of_day: { hour: number; utilisation: number | null; sessions: number }[];
        by_weekday: { weekday: number; sessions: number; energy_kwh: number }[];
      };
      if (!v['charger_id'] || !v['from'] || !v['to'])
        throw new Error('Name a charger and a period (from and to).');
      const a = await session.get<Analytics>(
        `/v1/ev/chargers/${encodeURIComponent(v['charger_id'])}/usage-analytics`,
        { from: `${v['from']}T00:00:00Z`, to: `${v['to']}T00:00:00Z` },
      );
      const hours = chart({
        title: `${v['charger_id']}: utilisation by hour of day (UTC)`,
        x: a.by_hour_of_day.map((h) => h.hour),
        categories: a.by_hour_of_day.map((h) => String(h.hour).padStart(2, '0')),
        yLabel: 'share of the hour in use',
        series: [
          {
            label: 'utilisation',
            values: a.by_hour_of_day.map((h) => h.utilisation),
            color: COLORS.a,
            bars: true,
          },
        ],
      });
      const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
      const week = chart({
        title: `${v['charger_id']}: sessions by weekday`,
        x: a.by_weekday.map((_, i) => i),
        categories: a.by_weekday.map((d) => days[d.weekday - 1] ?? String(d.weekday)),
        yLabel: 'sessions',
        series: [
          {
            label: 'sessions',
            values: a.by_weekday.map((d) => d.sessions),
            color: COLORS.b,
            bars: true,
          },
        ],
      });
      return {
        nodes: [h('p', {}, `${a.sessions} sessions in the period.`), hours.element, week.element],
        destroy: () => (hours.destroy(), week.destroy()),
      };
    },
  },
  {
    id: 'sales',
    label: 'Sales',
    controls: () => {
      const from = input('from', { type: 'date' });
      const to = input('to', { type: 'date' });
      return {
        controls: [field('From', from), field('To (exclusive)', to)],
        values: () => ({ from: from.value, to: to.value }),
      };
    },
    show: async (session, v) => {
      type Daily = { date: string; sales: number; quantity: number; amount: string };
      type Category = { category: string | null; sales: number; quantity: number; amount: string };
      const query = { from: v['from'] || undefined, to: v['to'] || undefined };
      const [daily, categories] = await Promise.all([
        fetchAll<Daily>(session, '/v1/retail/sales/daily-count', query),
        fetchAll<Category>(session, '/v1/retail/sales/category-sales', query),
      ]);
      const perDay = chart({
        title: 'Sales per day (amount)',
        x: daily.map((d) => seconds(d.date)),
        yLabel: 'amount',
        series: [
          { label: 'amount', values: daily.map((d) => num(d.amount)), color: COLORS.a },
          { label: 'sales', values: daily.map((d) => d.sales), color: COLORS.b },
        ],
      });
      const perCategory = chart({
        title: 'Sales per category (amount)',
        x: categories.map((_, i) => i),
        categories: categories.map((c) => c.category ?? 'unknown product'),
        yLabel: 'amount',
        series: [
          {
            label: 'amount',
            values: categories.map((c) => num(c.amount)),
            color: COLORS.d,
            bars: true,
          },
        ],
      });
      const rows = pagedTable<Daily>(
        session,
        'Sales per day',
        '/v1/retail/sales/daily-count',
        query,
        ['Day', 'Sales', 'Quantity', 'Amount'],
        (d) => [d.date, String(d.sales), String(d.quantity), d.amount],
      );
      return {
        nodes: [perDay.element, perCategory.element, rows],
        destroy: () => (perDay.destroy(), perCategory.destroy()),
      };
    },
  },
  {
    id: 'banking',
    label: 'Bank client transactions',
    controls: () => {
      const client = input('client_id', { placeholder: 'e.g. c-00007' });
      const period = select(['daily', 'monthly'], 'monthly', { name: 'period' });
      return {
        controls: [field('Client', client), field('Totals', period)],
        values: () => ({ client_id: client.value.trim(), period: period.value }),
      };
    },
    show: async (session, v) => {
      type Rollup = {
        date?: string;
        month?: string;
        currency: string;
        transactions: number;
        credits: string;
        debits: string;
        amount: string;
      };
      type Tx = {
        transaction_id: string;
        transaction_date: string;
        type: string;
        amount: string;
        currency: string;
        direction: string;
      };
      if (!v['client_id']) throw new Error('Name a client.');
      const base = `/v1/banking/clients/${encodeURIComponent(v['client_id'])}/transactions`;
      const rollups = await fetchAll<Rollup>(session, `${base}/${v['period']}`, {});
      const currency = rollups[0]?.currency;
      const mine = rollups.filter((r) => r.currency === currency);
      const c = chart({
        title: `${v['client_id']}: ${v['period']} credits and debits${currency ? ` (${currency})` : ''}`,
        x: mine.map((r) => seconds(r.date ?? r.month!)),
        yLabel: currency ?? 'amount',
        series: [
          {
            label: 'credits',
            values: mine.map((r) => num(r.credits)),
            color: COLORS.a,
            bars: true,
          },
          { label: 'debits', values: mine.map((r) => num(r.debits)), color: COLORS.c },
          { label: 'net', values: mine.map((r) => num(r.amount)), color: COLORS.b },
        ],
      });
      const rows = pagedTable<Tx>(
        session,
        `Transactions of ${v['client_id']}`,
        base,
        {},
        ['Date', 'Id', 'Type', 'Amount', 'Currency'],
        (t) => [t.transaction_date, t.transaction_id, t.type, t.amount, t.currency],
      );
      return { nodes: [c.element, rows], destroy: c.destroy };
    },
  },
  {
    id: 'quality',
    label: 'Data quality',
    controls: () => {
      const dataset = select(DATASETS, 'energy.usage', { name: 'dataset' });
      return { controls: [field('Dataset', dataset)], values: () => ({ dataset: dataset.value }) };
    },
    show: async (session, v) => {
      type Report = {
        rows: number;
        fields: { field: string; nulls: number; null_rate: number; distinct: number }[];
        duplicate_keys: { key: string[]; keys: number; rows: number };
        out_of_range: { rule: string; count: number }[];
        orphans: { field: string; references: string; count: number }[];
        outliers: {
          field: string;
          count: number;
          lower_fence: number | null;
          upper_fence: number | null;
        }[];
        rejections: { rows: number; reasons: { reason: string; count: number }[] };
      };
      const r = await session.get<Report>(`/v1/quality/${v['dataset']}`);
      const nulls = chart({
        title: `${v['dataset']}: share of empty values per field`,
        x: r.fields.map((_, i) => i),
        categories: r.fields.map((f) => f.field),
        yLabel: 'null rate',
        series: [
          {
            label: 'null rate',
            values: r.fields.map((f) => f.null_rate),
            color: COLORS.c,
            bars: true,
          },
        ],
      });
      const checks: [string, number][] = [
        [`Duplicate keys (${r.duplicate_keys.key.join(', ')})`, r.duplicate_keys.keys],
        ...r.out_of_range.map((o): [string, number] => [`Out of range: ${o.rule}`, o.count]),
        ...r.orphans.map((o): [string, number] => [
          `${o.field} naming no ${o.references}`,
          o.count,
        ]),
        ...r.outliers.map((o): [string, number] => [
          `Outliers of ${o.field} (outside ${o.lower_fence ?? '—'} … ${o.upper_fence ?? '—'})`,
          o.count,
        ]),
        ['Rows rejected at ingest', r.rejections.rows],
      ];
      return {
        nodes: [
          h('p', {}, `${r.rows} accepted rows.`),
          nulls.element,
          table('Checks', ['Check', 'Count'], checks, ([k, n]) => [k, String(n)]),
          table(
            'Most frequent rejection reasons',
            ['Reason', 'Rows'],
            r.rejections.reasons.slice(0, 20),
            (x) => [x.reason, String(x.count)],
          ),
        ],
        destroy: nulls.destroy,
      };
    },
  },
];

export const explorePage: Page = ({ session, main }, [viewId]) => {
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0]!;
  const output = h('div', { class: 'explore-output', 'aria-live': 'polite' });
  let destroy = () => {};
  const { controls, values } = view.controls();
  const form = h(
    'form',
    { class: 'filters', 'aria-label': `${view.label} filters` },
    ...controls,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    destroy();
    fill(output, h('p', { class: 'muted' }, 'Loading…'));
    view
      .show(session, values())
      .then((result) => {
        destroy = result.destroy;
        fill(output, ...result.nodes);
      })
      .catch((error: unknown) => fill(output, notice('error', explain(error))));
  });
  fill(
    main,
    h('h1', {}, 'Explore'),
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'Views' },
      h(
        'ul',
        {},
        VIEWS.map((v) =>
          h(
            'li',
            {},
            h(
              'a',
              { href: `#/explore/${v.id}`, 'aria-current': v === view ? 'page' : null },
              v.label,
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, view.label),
    form,
    output,
  );
  return () => destroy();
};
