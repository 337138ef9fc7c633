import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, FIXTURE_FILES, FIXTURES_DIR } from '@tributary/testing';
import { TOPICS } from './catalog';
import {
  declareDataset,
  eventOf,
  occurredAtOf,
  rowRuleProblems,
  type DatasetDeclaration,
  type FieldType,
} from './dataset-declaration';
import { DATASET_DECLARATIONS, DATASETS, isDataset } from './datasets';
import { readSchemaFiles } from './schemas';

type AvroType = string | { type: string; logicalType?: string; symbols?: string[] } | AvroType[];

/** The Avro types a field of each kind may have (logical type where it has one). */
const AVRO_OF: { readonly [K in FieldType['kind']]: readonly string[] } = {
  identifier: ['string'],
  'sensor-id': ['string'],
  text: ['string'],
  currency: ['string'],
  number: ['double'],
  integer: ['int', 'long'],
  money: ['bytes/decimal'],
  day: ['int/date'],
  timestamp: ['long/timestamp-millis'],
  'one-of': ['enum'],
};

const describeAvro = (type: AvroType): string =>
  typeof type === 'string'
    ? type
    : Array.isArray(type)
      ? type.map(describeAvro).join('|')
      : type.logicalType
        ? `${type.type}/${type.logicalType}`
        : type.type;

describe('the dataset declarations', () => {
  const files = readSchemaFiles();

  it.each(DATASETS)(
    '%s declares exactly the fields of its event, typed and nullable alike',
    (name) => {
      const declaration: DatasetDeclaration = DATASET_DECLARATIONS[name];
      const file = files.find((f) => f.file === declaration.schemaFile)!;
      expect(file.name).toBe(declaration.event);
      const avroFields = file.schema['fields'] as { name: string; type: AvroType }[];
      const filledByEnvelope = Object.keys(declaration.eventFields?.({} as never) ?? {});
      expect(avroFields.map((f) => f.name)).toEqual(
        expect.arrayContaining([
          'metadata',
          ...filledByEnvelope,
          ...declaration.fields.map((f) => f.name),
        ]),
      );
      expect(avroFields.length).toBe(1 + filledByEnvelope.length + declaration.fields.length);
      for (const field of declaration.fields) {
        const avro = avroFields.find((f) => f.name === field.name)!.type;
        const union = Array.isArray(avro) ? avro : [avro];
        const nullable = union.includes('null');
        const [valueType] = union.filter((t) => t !== 'null');
        expect({ field: field.name, nullable }).toEqual({
          field: field.name,
          nullable: !field.required,
        });
        expect({ field: field.name, avro: AVRO_OF[field.type.kind] }).toEqual({
          field: field.name,
          avro: expect.arrayContaining([describeAvro(valueType!)]),
        });
        if (field.type.kind === 'one-of')
          expect((valueType as { symbols: string[] }).symbols).toEqual(field.type.values);
      }
    },
  );

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
    // not-before is the quality report's to count, never a reason to refuse.
    expect(
      rowRuleProblems(sessions.rules, {
        start_time: new Date('2026-01-02T00:00:00Z'),
        end_time: new Date('2026-01-01T00:00:00Z'),
      }),
    ).toEqual([]);
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
