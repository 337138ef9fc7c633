import { createDataSource, runMigrations } from '@tributary/platform';
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from '@tributary/read-models';
import { Random, uniqueName, waitFor } from '@tributary/testing';
import { call, GatewayTestBed } from '../testing/gateway.test-bed';

/**
 * Thousands of hostile values, from a fixed seed, on every parameter of every GET route the
 * OpenAPI document lists, against the real stack: a route answers 200 with the right rows or a
 * 400 problem naming the parameter (a 404 for an id nobody has), never a 5xx and never a store's
 * error text.
 */
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: { example?: unknown; enum?: string[] };
  example?: unknown;
}

interface Operation {
  path: string;
  parameters: Parameter[];
}

/** Values that broke or could break a parser, a SQL builder or a driver. */
const FIXED: readonly string[] = [
  '1e309',
  '-1e309',
  '9'.repeat(400),
  `-${'9'.repeat(400)}`,
  `0.${'0'.repeat(399)}1`,
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '1e-400',
  '1.7976931348623157e308',
  '-1.7976931348623157e308',
  '5e-324',
  '0x1A',
  '1_000',
  '+1',
  '-0',
  '0',
  '-1',
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '1,5',
  '1.',
  '.5',
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "'",
  '"',
  '\\',
  "' OR 1=1 --",
  '1); DROP TABLE telemetry_readings; --',
  '%',
  '_',
  '\u0000',
  '😀',
  'a'.repeat(5_000),
  '9999-12-31T23:59:59Z',
  '1900-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2106-01-01T00:00:00Z',
  '2026-02-30',
  '2026-02-29',
  '2026-13-01',
  '0000-00-00',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-11-20T10:00:00',
];

/** Raw (already encoded) query text: a lone surrogate, a bad escape, a repeated parameter. */
const RAW: readonly string[] = ['%ED%A0%80', '%E0%A4%A', '%', '%00%00'];

const ALPHABET = '0123456789.eE-+xX_ ,;:%/\\\'"`()[]{}<>=*#&|^$@!?~abcNIfinty\u00e9\u2028\u0660';

function randomValues(random: Random, count: number): string[] {
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (random.int(0, 3)) {
      case 0: // exponent notation at and beyond a double's reach
        values.push(`${random.pick(['', '-'])}${random.int(1, 9)}e${random.int(-400, 400)}`);
        break;
      case 1: // a long run of digits, maybe with a fraction
        values.push(
          `${random.pick(['', '-'])}${'7'.repeat(random.int(10, 600))}${random.chance(0.5) ? '.5' : ''}`,
        );
        break;
      case 2: {
        // junk from a hostile alphabet
        let text = '';
        for (let n = random.int(1, 40); n > 0; n--) text += random.pick([...ALPHABET]);
        values.push(text);
        break;
      }
      default: // a date-time with fields out of range
        values.push(
          `${random.int(0, 99999)}-${random.int(0, 19)}-${random.int(0, 39)}T${random.int(0, 29)}:${random.int(0, 69)}:00Z`,
        );
    }
  }
  return values;
}

/** A valid value for each required parameter the document gives no example for. */
const FALLBACK: Record<string, string> = {
  interval: 'hour',
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
  dataset: 'telemetry.readings',
};

const STORE_ERRORS = /ClickHouse|DB::Exception|Syntax error|SqlValueError|QueryFailedError|stack/i;

describe('hostile values on every query parameter of every GET route', () => {
  const sensor = uniqueName('hostile-sensor');
  let bed: GatewayTestBed;
  let api: string;
  let token: string;
  let operations: Operation[];

  // Three readings whose values the filters are checked against.
  const readings = [
    { sensor_id: sensor, timestamp: '2026-11-20T10:00:00Z', temperature: -10, pressure: 900 },
    { sensor_id: sensor, timestamp: '2026-11-20T11:00:00Z', temperature: 0, pressure: 1000 },
    { sensor_id: sensor, timestamp: '2026-11-20T12:00:00Z', temperature: 25.5, pressure: 1100 },
  ];

  beforeAll(async () => {
    // The directory's tables, as directory-projector makes them (its lock, so the two never race).
    const directory = createDataSource(
      { DATABASE_URL: process.env['DATABASE_URL'] ?? '' },
      { entities: [], migrations: DIRECTORY_MIGRATIONS, schema: DIRECTORY_SCHEMA },
    );
    await directory.initialize();
    await runMigrations(directory, `directory-projector:${DIRECTORY_SCHEMA}`);
    await directory.destroy();
    bed = await GatewayTestBed.start({
      ingest: true,
      projector: { database: 'gateway_hostile_e2e', group: 'gateway-hostile-e2e-projector' },
    });
    api = bed.api;
    token = await bed.token(bed.admin);
    const posted = await call(api, 'POST', '/v1/sensors/readings', {
      token,
      body: { readings },
    });
    expect(posted.status).toBe(202);
    await waitFor(
      'the readings to be visible',
      async () => {
        const page = await call<{ items?: unknown[] }>(
          api,
          'GET',
          `/v1/sensors/${sensor}/readings`,
          { token },
        );
        return page.body.items?.length === readings.length ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const doc = await call<{
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    }>(api, 'GET', '/docs-json');
    operations = Object.entries(doc.body.paths).flatMap(([path, item]) =>
      item['get'] ? [{ path, parameters: item['get'].parameters ?? [] }] : [],
    );
  }, 240_000);

  afterAll(() => bed?.stop());

  const validValue = (operation: Operation, parameter: Parameter): string => {
    if (parameter.name === 'sensorId') return sensor;
    const example = parameter.example ?? parameter.schema?.example ?? parameter.schema?.enum?.[0];
    if (example !== undefined) return String(example);
    const fallback = FALLBACK[parameter.name];
    if (fallback !== undefined) return fallback;
    throw new Error(`${operation.path}: no valid value for required ${parameter.name}`);
  };

  /** The request path with `target` set to the raw (encoded) `value`, the rest valid. */
  const requestPath = (operation: Operation, target: Parameter, encoded: string): string => {
    let path = operation.path;
    const query: string[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') {
        const value =
          parameter === target ? encoded : encodeURIComponent(validValue(operation, parameter));
        path = path.replace(`{${parameter.name}}`, value);
      } else if (parameter.in === 'query') {
        if (parameter === target) query.push(`${parameter.name}=${encoded}`);
        else if (parameter.required) {
          query.push(`${parameter.name}=${encodeURIComponent(validValue(operation, parameter))}`);
        }
      }
    }
    return query.length ? `${path}?${query.join('&')}` : path;
  };

  it('answers 200, 400 listing the problems, or 404 for an unknown id; never 5xx', async () => {
    const random = new Random(17_2026);
    const values = [...FIXED, ...randomValues(random, 40)].map((v) => encodeURIComponent(v));
    const failures: string[] = [];
    let requests = 0;
    const targets = operations.flatMap((operation) =>
      operation.parameters
        .filter((p) => p.in === 'query' || p.in === 'path')
        .map((parameter) => ({ operation, parameter })),
    );
    // Every GET route with a parameter is covered (at least the 20-odd list and report routes).
    expect(new Set(targets.map((t) => t.operation.path)).size).toBeGreaterThan(20);
    for (const { operation, parameter } of targets) {
      const all = [...values, ...RAW];
      if (parameter.in === 'query') all.push(`1&${parameter.name}=2`); // the parameter twice
      for (const encoded of all) {
        const path = requestPath(operation, parameter, encoded);
        const reply = await call<Record<string, unknown> | string>(api, 'GET', path, { token });
        requests++;
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const problem = reply.headers.get('content-type')?.startsWith('application/problem+json');
        const body = reply.body as { type?: string; errors?: { path: string }[] };
        let ok: boolean;
        if (reply.status === 200) ok = true;
        else if (reply.status === 400) {
          // A validation problem lists what is wrong: this parameter, or the rule it broke with
          // another (`to` must be after `from`); a query string that is not text is malformed.
          ok =
            !!problem &&
            ((body.type === '/problems/validation-failed' && (body.errors ?? []).length > 0) ||
              body.type === '/problems/malformed-body');
        } else if (reply.status === 404) {
          // The documented example id of a path names nothing in this stack: the route's answer.
          ok = !!problem && operation.parameters.some((p) => p.in === 'path');
        } else ok = false;
        if (!ok || STORE_ERRORS.test(text)) {
          failures.push(`${reply.status} GET ${path.slice(0, 200)} → ${text.slice(0, 200)}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(2_000);
    expect(failures).toEqual([]);
  }, 600_000);

  it('filters by the value a client meant, at the edges of what a number can be', async () => {
    const temperatures = readings.map((r) => r.temperature);
    for (const min of ['-1e15', '-10', '-1e-15', '0', '25.5', '2.55e1', '1e15']) {
      const reply = await call<{ items: { temperature: number }[] }>(
        api,
        'GET',
        `/v1/sensors/${sensor}/readings?min_temperature=${min}`,
        { token },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((i) => i.temperature)).toEqual(
        temperatures.filter((t) => t >= Number(min)),
      );
    }
    for (const bad of ['1e309', '-1e309', '9'.repeat(400), 'NaN', 'Infinity', '1e16', '5e-324']) {
      const reply = await call<{ errors: { path: string; message: string }[] }>(
        api,
        'GET',
        `/v1/sensors/readings?max_pressure=${bad}`,
        { token },
      );
      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((e) => e.path)).toEqual(['max_pressure']);
    }
  });
});
