import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import { type BankingDirectoryStore, type ClientFilter, type StoredClient } from './banking.store';

/** LIKE's own characters, escaped with its default escape character so a prefix is plain text. */
export const likePrefix = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** Postgres text cannot hold NUL, so a value containing one matches nothing (and would fail). */
const holdsNul = (values: readonly (string | undefined)[]) =>
  values.some((v) => v !== undefined && v.includes('\u0000'));

/**
 * Bank clients from the directory (Postgres schema `directory`, kept by directory-projector).
 * Values are always bound parameters. A prefix is matched as `lower(col) LIKE lower($n) || '%'`:
 * both sides lowered by Postgres itself, so case folding is the same on both (the database's
 * C.UTF-8 locale folds accented letters too).
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
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const prefix = (column: string, text: string | undefined) => {
      if (text !== undefined)
        where.push(`lower(${column}) LIKE (lower(${bind(likePrefix(text))}) || '%')`);
    };
    prefix('client_id', clientIdPrefix);
    prefix('name', namePrefix);
    prefix('email', emailPrefix);
    if (country !== undefined) where.push(`upper(country) = ${bind(country)}`);
    if (afterClientId !== undefined) where.push(`client_id > ${bind(afterClientId)}`);
    return this.query<StoredClient>(
      `SELECT client_id, name, email, country, created_at FROM directory.banking_clients
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY client_id LIMIT ${bind(limit)}`,
      params,
    );
  }

  async hasClient(clientId: string): Promise<boolean> {
    if (holdsNul([clientId])) return false;
    const rows = await this.query<{ found: number }>(
      'SELECT 1 AS found FROM directory.banking_clients WHERE client_id = $1',
      [clientId],
    );
    return rows.length > 0;
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    try {
      return (await this.db.query(sql, params)) as T[];
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      // The directory's tables appear when directory-projector first starts.
      if (code === '42P01' || code === '3F000')
        throw new ProblemException(
          'service-unavailable',
          'the bank client directory is not set up yet: directory-projector has not started',
          {},
          { 'Retry-After': '5' },
        );
      if (typeof code === 'string' && /^(08|57P)|^ECONN/.test(code))
        throw new ProblemException(
          'service-unavailable',
          'Postgres did not answer; retry shortly',
          {},
          { 'Retry-After': '5' },
        );
      throw error;
    }
  }
}
