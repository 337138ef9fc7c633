import { dimensionEntity, type DimensionSpec } from '../dimensions/dimension';

/** A row of `directory.banking_clients`: the bank's clients, looked up by id. */
export interface BankingClientRow {
  client_id: string;
  name: string;
  email: string | null;
  country: string | null;
  created_at: Date | null;
}

export const BANKING_CLIENTS: DimensionSpec<'banking.clients', BankingClientRow> = {
  topic: 'banking.clients',
  table: 'banking_clients',
  key: 'client_id',
  columns: {
    client_id: 'text',
    name: 'text',
    email: 'text',
    country: 'text',
    created_at: 'timestamptz',
  },
  nullable: ['email', 'country', 'created_at'],
  row: (event) => ({
    client_id: event.client_id,
    name: event.name,
    email: event.email,
    country: event.country,
    created_at: event.created_at,
  }),
};

export const BankingClientEntity = dimensionEntity(BANKING_CLIENTS);
