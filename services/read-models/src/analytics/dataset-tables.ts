import { type DatasetDeclaration, type FieldType } from '@tributary/contracts';

/** A column of an analytics table, its type as ClickHouse's `system.columns` names it. */
export interface TableColumn {
  readonly name: string;
  readonly type: string;
}

/** The ClickHouse type of a field of each kind (18.16 has no DateTime64: times to the second). */
const COLUMN_TYPE: { readonly [K in FieldType['kind']]: string } = {
  identifier: 'String',
  'sensor-id': 'String',
  text: 'String',
  email: 'String',
  currency: 'String',
  'one-of': 'String',
  number: 'Float64',
  integer: 'Int64',
  money: 'Decimal(18, 4)',
  day: 'Date',
  timestamp: "DateTime('UTC')",
};

/** Where a row came from: every dataset table has these columns after its fields. */
export const PROVENANCE_COLUMNS: readonly TableColumn[] = [
  { name: 'event_id', type: 'String' },
  { name: 'source_kind', type: 'String' },
  { name: 'job_id', type: 'String' },
  { name: 'row_number', type: 'UInt64' },
  { name: 'ingested_at', type: "DateTime('UTC')" },
];

/** What decides which version of an entity's row wins (ReplacingMergeTree(version)). */
export const VERSION_COLUMNS: readonly TableColumn[] = [
  { name: 'occurred_at', type: "DateTime('UTC')" },
  { name: 'version', type: 'UInt64' },
];

/**
 * The columns of a dataset's analytics table, as its declaration implies them: a column per
 * field, named and typed by it (Nullable when the field is optional), an entity's version
 * columns, then where the row came from. The table's migration is held to this list by a test
 * against ClickHouse itself, and analytics-projector's rows by another, so a field renamed in
 * one place and not the other fails. (`telemetry.readings` has its own table: a reading's
 * versions, rollups and milliseconds.)
 */
export function datasetTableColumns(declaration: DatasetDeclaration): TableColumn[] {
  return [
    ...declaration.fields.map((field) => {
      const type = COLUMN_TYPE[field.type.kind];
      return { name: field.name, type: field.required ? type : `Nullable(${type})` };
    }),
    ...(declaration.kind === 'entity' ? VERSION_COLUMNS : []),
    ...PROVENANCE_COLUMNS,
  ];
}
