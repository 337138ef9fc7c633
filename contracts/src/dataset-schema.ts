import { type DatasetDeclaration, type FieldType } from './dataset-declaration';
import { type SchemaFile } from './schemas';

type AvroType = string | { type: string; logicalType?: string; symbols?: string[] } | AvroType[];

/** The Avro types a field of each kind may have (`type/logicalType` where it has one). */
const AVRO_OF: { readonly [K in FieldType['kind']]: readonly string[] } = {
  identifier: ['string'],
  'sensor-id': ['string'],
  text: ['string'],
  email: ['string'],
  currency: ['string'],
  number: ['double'],
  integer: ['int', 'long'],
  money: ['bytes/decimal'],
  day: ['int/date'],
  timestamp: ['long/timestamp-millis'],
  'one-of': ['enum'],
};

const describe = (type: AvroType): string =>
  typeof type === 'string'
    ? type
    : Array.isArray(type)
      ? type.map(describe).join('|')
      : type.logicalType
        ? `${type.type}/${type.logicalType}`
        : type.type;

/**
 * Where a declaration and its event's `.avsc` disagree, one line each; empty when the event has
 * the envelope, the declaration's `eventFields` and exactly its fields, each of a type its kind
 * allows and nullable exactly when the field is optional.
 */
export function schemaMismatches(declaration: DatasetDeclaration, file: SchemaFile): string[] {
  const problems: string[] = [];
  if (file.name !== declaration.event)
    problems.push(`${file.file} defines ${file.name}, not ${declaration.event}`);
  const avroFields = file.schema['fields'] as { name: string; type: AvroType }[];
  const expected = [
    'metadata',
    ...Object.keys(declaration.eventFields?.({} as never) ?? {}),
    ...declaration.fields.map((f) => f.name),
  ];
  const names = avroFields.map((f) => f.name);
  for (const name of expected.filter((n) => !names.includes(n)))
    problems.push(`${name}: declared, but not a field of ${declaration.event}`);
  for (const name of names.filter((n) => !expected.includes(n)))
    problems.push(`${name}: a field of ${declaration.event}, but not declared`);
  for (const field of declaration.fields) {
    const avro = avroFields.find((f) => f.name === field.name)?.type;
    if (avro === undefined) continue;
    const union = Array.isArray(avro) ? avro : [avro];
    const nullable = union.includes('null');
    const valueType = union.find((t) => t !== 'null')!;
    if (nullable === field.required)
      problems.push(
        `${field.name}: ${field.required ? 'required, but nullable' : 'optional, but not nullable'} in the schema`,
      );
    if (!AVRO_OF[field.type.kind].includes(describe(valueType)))
      problems.push(
        `${field.name}: a ${field.type.kind} is ${AVRO_OF[field.type.kind].join(' or ')}, the schema says ${describe(valueType)}`,
      );
    if (field.type.kind === 'one-of') {
      const symbols = (valueType as { symbols?: string[] }).symbols ?? [];
      if (symbols.join() !== field.type.values.join())
        problems.push(
          `${field.name}: values ${field.type.values.join(', ')}, symbols ${symbols.join(', ')}`,
        );
    }
  }
  return problems;
}
