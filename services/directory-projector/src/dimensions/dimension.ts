import { type TopicEvents, type TributaryCommon } from '@tributary/contracts';
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';

/** The dimension topics the directory keeps: people and things looked up by id. */
export const DIMENSION_TOPICS = [
  'ev.users',
  'ev.chargers',
  'banking.clients',
  'retail.products',
] as const;
export type DimensionTopic = (typeof DIMENSION_TOPICS)[number];

/** Postgres types of the columns, as array element types for `unnest($n::type[])`. */
export type ColumnType = 'text' | 'float8' | 'date' | 'timestamptz' | 'numeric';

/** Which event wrote a dimension row, and its place in last-writer-wins order. */
export interface DimensionProvenance {
  readonly event_id: string;
  /** metadata.occurred_at: the file's receipt time for file rows. */
  readonly updated_at: Date;
  /** metadata.source.row_number, 0 when the event has none (a stream). */
  readonly row_number: number;
}

/**
 * One dimension table: its topic, its columns, and how an event becomes its row. The row's first
 * column is the key; every row also keeps its provenance (`event_id`, `updated_at`, `row_number`).
 */
export interface DimensionSpec<T extends DimensionTopic, Row extends object> {
  readonly topic: T;
  readonly table: string;
  readonly key: keyof Row & string;
  /** Every column of the row, in table order, with its type; the key first. */
  readonly columns: { readonly [K in keyof Row]: ColumnType };
  /** Columns that may hold null. */
  readonly nullable: readonly (keyof Row & string)[];
  readonly row: (event: TopicEvents[T]) => Row;
}

/** A dimension row as a chunk carries it to the store: its values by column, and provenance. */
export interface DimensionRow extends DimensionProvenance {
  readonly key: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export function provenanceOf(metadata: TributaryCommon.EventMetadata): DimensionProvenance {
  return {
    event_id: metadata.event_id,
    updated_at: metadata.occurred_at,
    row_number: metadata.source.row_number ?? 0,
  };
}

export function dimensionRow<T extends DimensionTopic, Row extends object>(
  spec: DimensionSpec<T, Row>,
  event: TopicEvents[T],
): DimensionRow {
  const values = spec.row(event) as Record<string, unknown>;
  return { key: String(values[spec.key]), values, ...provenanceOf(event.metadata) };
}

/**
 * Last writer wins by (occurred_at, row number): a file received later, or a later row of the same
 * file. An equal position wins too, so the same event applied again writes the same row again
 * (idempotent) and, of two events at one position, the later delivered stays. The Postgres upsert
 * applies the same rule in its `WHERE` (`dimensions.postgres.ts`).
 */
export function supersedesDimension(next: DimensionProvenance, current: DimensionProvenance) {
  const [t, u] = [next.updated_at.getTime(), current.updated_at.getTime()];
  return t !== u ? t > u : next.row_number >= current.row_number;
}

const TYPEORM_TYPES: Record<ColumnType, EntitySchemaColumnOptions> = {
  text: { type: 'text' },
  float8: { type: 'double precision' },
  // pg returns dates as text through TypeORM, so a day never shifts with the process's zone.
  date: { type: 'date' },
  timestamptz: { type: 'timestamptz' },
  numeric: { type: 'numeric', precision: 18, scale: 4 },
};

/** bigint columns read as numbers (row numbers stay far below 2^53). */
export const bigintAsNumber = {
  to: (value: unknown) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A dimension row as TypeORM reads it back (tests, and the gateway's queries later). */
export type StoredDimension<Row extends object> = Row & DimensionProvenance;

/**
 * The TypeORM entity of a dimension table. Writes do not go through it (an upsert with a
 * last-writer-wins condition is not expressible in TypeORM), reads and the table's name do.
 */
export function dimensionEntity<T extends DimensionTopic, Row extends object>(
  spec: DimensionSpec<T, Row>,
): EntitySchema<StoredDimension<Row>> {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const [name, type] of Object.entries(spec.columns) as [string, ColumnType][]) {
    columns[name] = {
      ...TYPEORM_TYPES[type],
      primary: name === spec.key,
      nullable: (spec.nullable as readonly string[]).includes(name),
    };
  }
  columns['event_id'] = { type: 'uuid' };
  columns['updated_at'] = { type: 'timestamptz' };
  columns['row_number'] = { type: 'bigint', transformer: bigintAsNumber };
  return new EntitySchema<StoredDimension<Row>>({
    name: spec.table,
    tableName: spec.table,
    columns: columns as never,
  });
}
