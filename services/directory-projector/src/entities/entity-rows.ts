import { type TopicEvents } from '@tributary/contracts';

/** The entity topics the directory keeps, and the table, key and columns of each. */
export const ENTITY_TABLES = {
  'ev.users': {
    table: 'ev_users',
    key: 'user_id',
    columns: {
      user_id: 'text',
      first_name: 'text',
      last_name: 'text',
      email: 'text',
      phone: 'text',
      signup_date: 'date',
    },
  },
  'ev.chargers': {
    table: 'ev_chargers',
    key: 'charger_id',
    columns: {
      charger_id: 'text',
      name: 'text',
      city: 'text',
      address: 'text',
      latitude: 'float8',
      longitude: 'float8',
      power_kw: 'float8',
      connector_type: 'text',
    },
  },
  'banking.clients': {
    table: 'banking_clients',
    key: 'client_id',
    columns: {
      client_id: 'text',
      name: 'text',
      email: 'text',
      country: 'text',
      created_at: 'timestamptz',
    },
  },
  'retail.products': {
    table: 'retail_products',
    key: 'product_id',
    columns: { product_id: 'text', name: 'text', category: 'text', price: 'numeric' },
  },
} as const;

export type EntityTopic = keyof typeof ENTITY_TABLES;
export const ENTITY_TOPICS = Object.keys(ENTITY_TABLES) as EntityTopic[];

/** An entity's row: its columns, plus which event wrote it and when, for last-writer-wins. */
export interface EntityRow {
  readonly values: Record<string, unknown>;
  readonly key: string;
  readonly event_id: string;
  readonly updated_at: Date;
  readonly row_number: number;
}

export function entityRow<T extends EntityTopic>(topic: T, event: TopicEvents[T]): EntityRow {
  const spec = ENTITY_TABLES[topic];
  const values: Record<string, unknown> = {};
  for (const column of Object.keys(spec.columns))
    values[column] = (event as unknown as Record<string, unknown>)[column] ?? null;
  return {
    values,
    key: String(values[spec.key]),
    event_id: event.metadata.event_id,
    updated_at: event.metadata.occurred_at,
    row_number: event.metadata.source.row_number ?? 0,
  };
}

/** Last writer wins by (occurred_at, row number): a later file, or a later row of the same file. */
export const newerEntity = (next: EntityRow, current: EntityRow): boolean =>
  next.updated_at.getTime() !== current.updated_at.getTime()
    ? next.updated_at.getTime() > current.updated_at.getTime()
    : next.row_number >= current.row_number;
