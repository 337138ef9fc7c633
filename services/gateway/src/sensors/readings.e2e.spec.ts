import { readingIdFor } from '@tributary/contracts';
import { uniqueName, waitFor } from '@tributary/testing';
import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/**
 * Readings through the public API, every process as deployed: sensor-ingest and
 * analytics-projector as their own processes, the gateway in this one, the real stack behind. The
 * projector writes to a ClickHouse database of this suite's own.
 */
interface ReadingItem {
  id: string;
  sensor_id: string;
  timestamp: string;
  temperature: number | null;
  pressure: number | null;
  humidity: number | null;
  metrics: Record<string, number>;
  version: number;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

describe('sensor readings through the gateway', () => {
  const sensor = uniqueName('e2e-sensor');
  let bed: GatewayTestBed;
  let api: string;
  let adminToken: string;
  let analystToken: string;

  beforeAll(async () => {
    bed = await GatewayTestBed.start({
      ingest: true,
      projector: { database: 'gateway_e2e', group: 'gateway-e2e-projector' },
    });
    api = bed.api;
    adminToken = await bed.token(bed.admin);
    analystToken = (await bed.analyst()).token;
  }, 180_000);

  afterAll(() => bed?.stop());

  // Six hand-made readings over two hours of one day (UTC).
  const batch = [
    {
      id: 'k1',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:05:00.250Z',
      temperature: 20,
      pressure: 1000,
      humidity: 40,
    },
    {
      id: 'k2',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:20:00Z',
      temperature: 21,
      pressure: 1002,
    },
    {
      id: 'k3',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:40:00Z',
      temperature: 23,
      humidity: 50,
    },
    {
      id: 'k4',
      sensor_id: sensor,
      timestamp: '2026-11-20T10:55:59.999Z',
      temperature: 24,
      pressure: 1004,
      humidity: 45,
      metrics: { co2_ppm: 600 },
    },
    { id: 'k5', sensor_id: sensor, timestamp: '2026-11-20T11:10:00+00:00', temperature: 18.5 },
    { id: 'k6', sensor_id: sensor, timestamp: '2026-11-20T13:30:00+02:00', pressure: 990 },
  ];
  const idOf = (key: string) => readingIdFor(sensor, key);

  const readingsOf = async (query = '') =>
    (
      await call<Page<ReadingItem>>(api, 'GET', `/v1/sensors/${sensor}/readings${query}`, {
        token: analystToken,
      })
    ).body;

  const aggregates = async (interval: 'hour' | 'day') =>
    (
      await call<Page<Record<string, unknown>>>(
        api,
        'GET',
        `/v1/sensors/aggregates?interval=${interval}&sensor_id=${sensor}&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`,
        { token: analystToken },
      )
    ).body.items;

  it('accepts a batch once Kafka has it, and the readings become visible exactly', async () => {
    const posted = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { readings: batch },
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 6, ids: batch.map((r) => idOf(r.id)) });

    const page = await waitFor('the six readings through the API', async () => {
      const current = await readingsOf();
      return current.items.length === 6 ? current : undefined;
    });
    expect(page.next_cursor).toBeNull();
    expect(page.items).toEqual([
      {
        id: idOf('k1'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:05:00.250Z',
        temperature: 20,
        pressure: 1000,
        humidity: 40,
        metrics: {},
        version: 1,
        client_id: 'k1',
      },
      {
        id: idOf('k2'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:20:00.000Z',
        temperature: 21,
        pressure: 1002,
        humidity: null,
        metrics: {},
        version: 1,
        client_id: 'k2',
      },
      {
        id: idOf('k3'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:40:00.000Z',
        temperature: 23,
        pressure: null,
        humidity: 50,
        metrics: {},
        version: 1,
        client_id: 'k3',
      },
      {
        id: idOf('k4'),
        sensor_id: sensor,
        timestamp: '2026-11-20T10:55:59.999Z',
        temperature: 24,
        pressure: 1004,
        humidity: 45,
        metrics: { co2_ppm: 600 },
        version: 1,
        client_id: 'k4',
      },
      {
        id: idOf('k5'),
        sensor_id: sensor,
        timestamp: '2026-11-20T11:10:00.000Z',
        temperature: 18.5,
        pressure: null,
        humidity: null,
        metrics: {},
        version: 1,
        client_id: 'k5',
      },
      {
        id: idOf('k6'),
        sensor_id: sensor,
        timestamp: '2026-11-20T11:30:00.000Z',
        temperature: null,
        pressure: 990,
        humidity: null,
        metrics: {},
        version: 1,
        client_id: 'k6',
      },
    ]);
  });

  it('filters by value range and time, and pages with a cursor', async () => {
    const ids = (p: Page<ReadingItem>) => p.items.map((r) => r.id);
    expect(ids(await readingsOf('?min_temperature=21&max_temperature=23.5'))).toEqual([
      idOf('k2'),
      idOf('k3'),
    ]);
    expect(ids(await readingsOf('?from=2026-11-20T10:20:00Z&to=2026-11-20T11:10:00Z'))).toEqual([
      idOf('k2'),
      idOf('k3'),
      idOf('k4'),
    ]);
    const all = await call<Page<ReadingItem>>(
      api,
      'GET',
      `/v1/sensors/readings?sensor_id=${sensor}&min_pressure=995`,
      { token: analystToken },
    );
    expect(ids(all.body)).toEqual([idOf('k1'), idOf('k2'), idOf('k4')]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<ReadingItem> = await readingsOf(
        `?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(page));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(batch.map((r) => idOf(r.id)));

    const first = await readingsOf('?limit=4');
    const misused = await readingsOf(`?limit=4&min_temperature=0&cursor=${first.next_cursor}`);
    expect(misused).toMatchObject({
      type: '/problems/validation-failed',
      errors: [
        {
          path: 'cursor',
          message: 'was issued for other filters; repeat the query from the first page',
        },
      ],
    });
  });

  const hour10 = {
    readings: 4,
    temperature: { count: 4, min: 20, max: 24, avg: 22, p50: 23, p95: 24 },
    pressure: { count: 3, min: 1000, max: 1004, avg: 1002, p50: 1002, p95: 1004 },
    humidity: { count: 3, min: 40, max: 50, avg: 45, p50: 45, p95: 50 },
  };
  const hour11 = {
    readings: 2,
    temperature: { count: 1, min: 18.5, max: 18.5, avg: 18.5, p50: 18.5, p95: 18.5 },
    pressure: { count: 1, min: 990, max: 990, avg: 990, p50: 990, p95: 990 },
    humidity: { count: 0, min: null, max: null, avg: null, p50: null, p95: null },
  };
  // p50 and p95 follow ClickHouse's quantileExact: element floor(level × n) of the sorted values.
  const day20 = {
    readings: 6,
    temperature: { count: 5, min: 18.5, max: 24, avg: 106.5 / 5, p50: 21, p95: 24 },
    pressure: { count: 4, min: 990, max: 1004, avg: 999, p50: 1002, p95: 1004 },
    humidity: { count: 3, min: 40, max: 50, avg: 45, p50: 45, p95: 50 },
  };

  it('aggregates per hour and per day, equal to values computed by hand', async () => {
    // Rollups follow the readings within the projector's rollup interval (1 s).
    const settled = (items: Record<string, unknown>[], readings: number[]) =>
      items.length === readings.length &&
      items.every((item, i) => item['readings'] === readings[i]);
    await waitFor('the hourly and daily rollups', async () =>
      settled(await aggregates('hour'), [4, 2]) && settled(await aggregates('day'), [6])
        ? true
        : undefined,
    );
    expect(await aggregates('hour')).toEqual([
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T10:00:00.000Z', ...hour10 },
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T11:00:00.000Z', ...hour11 },
    ]);
    expect(await aggregates('day')).toEqual([
      { sensor_id: sensor, interval: 'day', bucket_start: '2026-11-20T00:00:00.000Z', ...day20 },
    ]);
  });

  it('shows a correction in reads and aggregates', async () => {
    const corrected = await call<{ version: number }>(
      api,
      'PUT',
      `/v1/sensors/readings/${idOf('k4')}`,
      {
        token: adminToken,
        body: {
          temperature: 30,
          pressure: 1004,
          humidity: 45,
          metrics: { co2_ppm: 600 },
          reason: 'recalibrated',
        },
      },
    );
    expect(corrected.status).toBe(202);
    // The correction keeps the client's id, though it named the reading by the server's.
    expect(corrected.body).toMatchObject({ id: idOf('k4'), temperature: 30, client_id: 'k4' });
    expect(corrected.body.version).toBeGreaterThan(1);

    const reading = await waitFor('the corrected reading', async () => {
      const page = await readingsOf('?from=2026-11-20T10:55:00Z&to=2026-11-20T10:56:00Z');
      return page.items[0]?.temperature === 30 ? page.items[0] : undefined;
    });
    expect(reading).toMatchObject({
      id: idOf('k4'),
      client_id: 'k4',
      version: corrected.body.version,
      metrics: { co2_ppm: 600 },
    });

    const hour10Corrected = {
      ...hour10,
      temperature: { count: 4, min: 20, max: 30, avg: 23.5, p50: 23, p95: 30 },
    };
    const maxTemperature = (items: Record<string, unknown>[]) =>
      (items[0]?.temperature as { max?: number } | undefined)?.max;
    await waitFor('the corrected hourly and daily rollups', async () =>
      maxTemperature(await aggregates('hour')) === 30 &&
      maxTemperature(await aggregates('day')) === 30
        ? true
        : undefined,
    );
    expect(await aggregates('hour')).toEqual([
      {
        sensor_id: sensor,
        interval: 'hour',
        bucket_start: '2026-11-20T10:00:00.000Z',
        ...hour10Corrected,
      },
      { sensor_id: sensor, interval: 'hour', bucket_start: '2026-11-20T11:00:00.000Z', ...hour11 },
    ]);
    expect(await aggregates('day')).toEqual([
      {
        sensor_id: sensor,
        interval: 'day',
        bucket_start: '2026-11-20T00:00:00.000Z',
        ...day20,
        temperature: { count: 5, min: 18.5, max: 30, avg: 112.5 / 5, p50: 21, p95: 30 },
      },
    ]);

    const missing = await call(api, 'PUT', '/v1/sensors/readings/no-such-reading', {
      token: adminToken,
      body: { temperature: 1 },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: '/problems/not-found' });
  });

  it('reads and corrects a reading by the id its client sent, on the sensor’s own routes', async () => {
    const k5 = {
      id: idOf('k5'),
      sensor_id: sensor,
      timestamp: '2026-11-20T11:10:00.000Z',
      temperature: 18.5,
      pressure: null,
      humidity: null,
      metrics: {},
      version: 1,
      client_id: 'k5',
    };
    const byClientId = await call(api, 'GET', `/v1/sensors/${sensor}/readings/k5`, {
      token: analystToken,
    });
    expect({ status: byClientId.status, body: byClientId.body }).toEqual({ status: 200, body: k5 });
    const byServerId = await call(api, 'GET', `/v1/sensors/${sensor}/readings/${idOf('k5')}`, {
      token: analystToken,
    });
    expect(byServerId.body).toEqual(k5);

    // The same values again, with a reason: reads and rollups keep their figures, the version moves.
    const corrected = await call<{ version: number }>(
      api,
      'PUT',
      `/v1/sensors/${sensor}/readings/k5`,
      { token: adminToken, body: { temperature: 18.5, reason: 'checked by hand' } },
    );
    expect(corrected.status).toBe(202);
    expect(corrected.body).toMatchObject({ id: idOf('k5'), temperature: 18.5 });
    expect(corrected.body.version).toBeGreaterThan(1);
    const after = await waitFor('the correction made by client id', async () => {
      const { body } = await call<{ version: number }>(
        api,
        'GET',
        `/v1/sensors/${sensor}/readings/k5`,
        { token: analystToken },
      );
      return body.version === corrected.body.version ? body : undefined;
    });
    expect(after).toEqual({ ...k5, version: corrected.body.version });

    // A client's ids are its own per sensor: another sensor has no reading k5.
    for (const [method, path] of [
      ['GET', `/v1/sensors/${sensor}-other/readings/k5`],
      ['PUT', `/v1/sensors/${sensor}-other/readings/k5`],
    ] as const) {
      const missing = await call(api, method, path, {
        token: adminToken,
        ...(method === 'PUT' ? { body: { temperature: 1 } } : {}),
      });
      expect({ status: missing.status, type: (missing.body as { type?: string }).type }).toEqual({
        status: 404,
        type: '/problems/not-found',
      });
    }
  });

  it('changes nothing when the same batch is posted again', async () => {
    const before = await readingsOf();
    const hourly = await aggregates('hour');
    const again = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { readings: batch },
    });
    expect(again.body).toEqual({ accepted: 6, ids: batch.map((r) => idOf(r.id)) });
    // A marker on the same sensor (so the same partition, behind the repeats) on another day:
    // once it is visible, the repeats have been projected too.
    const marker = {
      id: 'marker',
      sensor_id: sensor,
      timestamp: '2026-11-19T09:00:00Z',
      temperature: 5,
    };
    await call(api, 'POST', '/v1/sensors/readings', { token: adminToken, body: marker });
    const after = await waitFor('the marker reading', async () => {
      const page = await readingsOf();
      return page.items.length === 7 ? page : undefined;
    });
    expect(after.items.slice(1)).toEqual(before.items);
    expect(await aggregates('hour')).toEqual(hourly);
  });

  it('refuses invalid items naming each by index and field', async () => {
    const invalid = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: {
        readings: [
          batch[0],
          { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z', humidity: 140 },
          { sensor_id: sensor, timestamp: 'yesterday', temperature: 1 },
          { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z', temperature: 1, colour: 'red' },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(invalid.body).toMatchObject({
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: '3 problems in the body; see errors',
      errors: [
        { path: 'readings[1].humidity', message: 'must be between 0 and 100' },
        {
          path: 'readings[2].timestamp',
          message: 'must be an ISO-8601 date-time with a time zone',
        },
        { path: 'readings[3].colour', message: 'is not a known field' },
      ],
    });
    const single = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z' },
    });
    expect(single.body).toMatchObject({
      errors: [
        {
          path: 'temperature',
          message: 'at least one of temperature, pressure, humidity is required',
        },
      ],
    });
    const malformed = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      raw: '{"readings": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ type: '/problems/malformed-body' });
    const unknownQuery = await readingsOf('?colour=red');
    expect(unknownQuery).toMatchObject({
      errors: [{ path: 'colour', message: 'is not a known field' }],
    });
  });

  it('loses and doubles nothing when the projector is killed mid-stream and restarted', async () => {
    const crashSensor = uniqueName('e2e-crash');
    const readings = Array.from({ length: 3_000 }, (_, i) => ({
      id: `c${i}`,
      sensor_id: crashSensor,
      timestamp: new Date(Date.UTC(2026, 10, 18, 0, 0, 0) + i * 1_000).toISOString(),
      temperature: i % 50,
    }));
    for (let i = 0; i < readings.length; i += 1_000) {
      const reply = await call(api, 'POST', '/v1/sensors/readings', {
        token: adminToken,
        body: { readings: readings.slice(i, i + 1_000) },
      });
      expect(reply.status).toBe(202);
    }
    await bed.crashProjector();

    const count = async () => {
      const day = await call<
        Page<{ readings: number; temperature: { count: number; avg: number } }>
      >(api, 'GET', `/v1/sensors/aggregates?interval=day&sensor_id=${crashSensor}`, {
        token: analystToken,
      });
      return day.body.items[0];
    };
    const settled = await waitFor(
      'all 3,000 readings after the restart',
      async () => {
        const day = await count();
        return day?.readings === 3_000 ? day : undefined;
      },
      { timeoutMs: 60_000 },
    );
    // 0..49 repeated 60 times: mean 24.5.
    expect(settled.temperature).toMatchObject({ count: 3_000, avg: 24.5 });
  });

  it('answers 503 with Retry-After when sensor-ingest is down, never a 2xx', async () => {
    await bed.ingest!.stop();
    const reply = await call(api, 'POST', '/v1/sensors/readings', {
      token: adminToken,
      body: batch[0],
    });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('5');
    expect(reply.body).toMatchObject({ type: '/problems/service-unavailable' });
  });
});
