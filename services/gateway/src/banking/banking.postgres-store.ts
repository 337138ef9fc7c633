import { type DataSource } from 'typeorm';
import { conditions, holdsNul, queryDirectory } from '../directory/directory-sql';
import { type BankingDirectoryStore, type ClientFilter, type StoredClient } from './banking.store';

/**
 * Bank clients from the directory (Postgres schema `directory`, kept by directory-projector).
 * Values are always bound parameters; prefixes match case-insensitively, as plain text. A value
 * containing NUL matches nothing.
 */
export class PostgresBankingDirectoryStore implements BankingDirectoryStore {
  constructor(private readonly db: DataSource) {}

  async clients(
    filter: ClientFilter,
    afterClientId: string | undefined,
    limit: number,
  ): Promise<StoredClient[]> {
    const { clientIdPrefix, namePrefix, emailPrefix, country } = filter;
    if (holdsNul([clientIdPrefix, namePrefix, emailPrefix, country, afterClientId])) return [];
    const { where, bind, params, prefix, whereClause } = conditions();
    prefix('client_id', clientIdPrefix);
    prefix('name', namePrefix);
    prefix('email', emailPrefix);
    if (country !== undefined) where.push(`upper(country) = ${bind(country)}`);
    if (afterClientId !== undefined) where.push(`client_id > ${bind(afterClientId)}`);
    return queryDirectory<StoredClient>(
      this.db,
      'banking_clients',
      `SELECT client_id, name, email, country, created_at FROM directory.banking_clients
       ${whereClause()}
       ORDER BY client_id LIMIT ${bind(limit)}`,
      params,
    );
  }

  async hasClient(clientId: string): Promise<boolean> {
    if (holdsNul([clientId])) return false;
    const rows = await queryDirectory<{ found: number }>(
      this.db,
      'banking_clients',
      'SELECT 1 AS found FROM directory.banking_clients WHERE client_id = $1',
      [clientId],
    );
    return rows.length > 0;
  }
}
