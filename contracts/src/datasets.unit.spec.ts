import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, FIXTURE_FILES, FIXTURES_DIR } from '@tributary/testing';
import { TOPICS } from './catalog';
import {
  declareDataset,
  eventOf,
  occurredAtOf,
  personalFieldsOf,
  rowRuleProblems,
  type DatasetDeclaration,
} from './dataset-declaration';
import { DATASET_DECLARATIONS, DATASETS, isDataset } from './datasets';
import { schemaMismatches } from './dataset-schema';
import { readSchemaFiles } from './schemas';

describe('the dataset declarations', () => {
  const files = readSchemaFiles();

  it.each(DATASETS)(
    '%s declares exactly the fields of its event, typed and nullable alike',
    (name) => {
      const declaration: DatasetDeclaration = DATASET_DECLARATIONS[name];
      const file = files.find((f) => f.file === declaration.schemaFile)!;
      expect(schemaMismatches(declaration, file)).toEqual([]);
    },
  );

  it('says where a declaration and its schema disagree', () => {
    const declaration: DatasetDeclaration = DATASET_DECLARATIONS['ev.transactions'];
    const file = files.find((f) => f.file === declaration.schemaFile)!;
    const drifted: DatasetDeclaration = {
      ...declaration,
      fields: [
        ...declaration.fields
          .filter((f) => f.name !== 'currency')
          .map((f) =>
            f.name === 'end_time'
              ? { ...f, required: true }
              : f.name === 'energy_kwh'
                ? { ...f, type: { kind: 'money' } as const }
                : f,
          ),
        { name: 'tip', aliases: [], required: false, type: { kind: 'money' } },
      ],
    };
    expect(schemaMismatches(drifted, file)).toEqual([
      'tip: declared, but not a field of tributary.ev.ChargingSessionRecorded',
      'currency: a field of tributary.ev.ChargingSessionRecorded, but not declared',
      'end_time: required, but nullable in the schema',
      'energy_kwh: a money is bytes/decimal, the schema says double',
    ]);
  });

  // The fixtures generator (services/testing, which cannot import the contracts: they use it)
  // writes the declared columns in the declared order, into the declared sample file.
  it.each(DATASETS)('%s is what the fixtures generator writes, in its sample file', (name) => {
    const declaration: DatasetDeclaration = DATASET_DECLARATIONS[name];
    expect(COLUMNS[name]).toEqual(declaration.fields.map((f) => f.name));
    expect(FIXTURE_FILES[name]).toBe(declaration.sample);
    expect(existsSync(join(FIXTURES_DIR, declaration.sample))).toBe(true);
  });

  it('names a catalog topic for every dataset, and tells a dataset from anything else', () => {
    const topics = new Set(TOPICS.map((t) => t.topic));
    expect(DATASETS.filter((d) => !topics.has(d))).toEqual([]);
    expect([isDataset('retail.sales'), isDataset('retail'), isDataset('toString')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('marks the names, e-mails and phones of EV users and bank clients personal, and nothing else', () => {
    const personal = DATASETS.flatMap((name) =>
      personalFieldsOf(DATASET_DECLARATIONS[name]).map((f) => `${name}.${f.name}: ${f.personal}`),
    );
    expect(personal).toEqual([
      'ev.users.first_name: name',
      'ev.users.last_name: name',
      'ev.users.email: email',
      'ev.users.phone: phone',
      'banking.clients.name: name',
      'banking.clients.email: email',
    ]);
  });

  it('refuses a declaration whose key, identity or rules name no field of it', () => {
    const base = DATASET_DECLARATIONS['energy.usage'];
    expect(() => declareDataset({ ...base, key: 'customer' })).toThrow(
      'energy.usage: no field customer; its fields are user_id, date, usage_kwh',
    );
    expect(() =>
      declareDataset({ ...base, rules: [{ kind: 'any-of', fields: ['usage_kwh', 'kwh'] }] }),
    ).toThrow('energy.usage: no field kwh');
    expect(() =>
      declareDataset({
        ...base,
        fields: base.fields.map((f) =>
          f.name === 'user_id' ? { ...f, bounds: { min: 0, max: 1 } } : f,
        ),
      }),
    ).toThrow('energy.usage.user_id: bounds on a identifier');
    const sales = DATASET_DECLARATIONS['retail.sales'];
    expect(() =>
      declareDataset({
        ...sales,
        fields: sales.fields.map((f) =>
          f.name === 'amount' ? { ...f, bounds: { min: 0, max: 1e9 } } : f,
        ),
      }),
    ).toThrow('retail.sales.amount: bounds on a money');
    expect(() =>
      declareDataset({
        ...base,
        rules: [{ kind: 'not-before', field: 'usage_kwh', other: 'date' }],
      }),
    ).toThrow(
      'energy.usage: not-before compares usage_kwh and date, which must be both days, times or numbers',
    );
  });
});

describe('a row by its declaration', () => {
  const readings = DATASET_DECLARATIONS['telemetry.readings'];
  const sessions = DATASET_DECLARATIONS['ev.transactions'];

  it('is refused by the rules across its fields, each naming its field', () => {
    expect(rowRuleProblems(readings.rules, { temperature: null, pressure: null })).toEqual([
      'temperature: at least one of temperature, pressure, humidity is required',
    ]);
    expect(rowRuleProblems(readings.rules, { temperature: null, humidity: 0 })).toEqual([]);
    expect(rowRuleProblems(sessions.rules, { cost: '1.0000', currency: null })).toEqual([
      'currency: is required when cost is given',
    ]);
    expect(
      rowRuleProblems(sessions.rules, {
        start_time: new Date('2026-01-02T00:00:00Z'),
        end_time: new Date('2026-01-01T23:59:59Z'),
      }),
    ).toEqual(['end_time: must not be before start_time, got "2026-01-01T23:59:59.000Z"']);
    const at = new Date('2026-01-02T00:00:00Z');
    expect(rowRuleProblems(sessions.rules, { start_time: at, end_time: at })).toEqual([]);
    expect(rowRuleProblems(sessions.rules, { start_time: at, end_time: null })).toEqual([]);
  });

  it('becomes its event: envelope, the fields no column fills, every field (null when absent)', () => {
    const metadata = { event_id: 'e-1' } as never;
    expect(
      eventOf(readings, { sensor_id: 's-1', timestamp: new Date(0), humidity: 40 }, metadata),
    ).toEqual({
      metadata,
      reading_id: 'e-1',
      metrics: {},
      version: 1,
      client_id: null,
      sensor_id: 's-1',
      timestamp: new Date(0),
      temperature: null,
      pressure: null,
      humidity: 40,
    });
  });

  it('happened when its occurredAt field says; a day at its midnight UTC; an entity never', () => {
    expect(occurredAtOf(DATASET_DECLARATIONS['energy.usage'], { date: '2026-03-04' })).toEqual(
      new Date('2026-03-04T00:00:00.000Z'),
    );
    expect(occurredAtOf(sessions, { start_time: new Date(5) })).toEqual(new Date(5));
    expect(occurredAtOf(DATASET_DECLARATIONS['ev.users'], { user_id: 'u' })).toBeNull();
  });
});
