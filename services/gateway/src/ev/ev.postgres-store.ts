import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import {
  type ChargerFilter,
  type EvDirectoryStore,
  type StoredCharger,
  type StoredUser,
  type UserFilter,
} from './ev.store';

/** LIKE's own characters, escaped with its default escape character so a prefix is plain text. */
export const likePrefix = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** Postgres text cannot hold NUL, so a filter containing one matches nothing (and would fail). */
const holdsNul = (values: readonly (string | undefined)[]) =>
  values.some((v) => v !== undefined && v.includes('\u0000'));

/**
 * EV users and chargers from the directory (Postgres schema `directory`, kept by
 * directory-projector). Values are always bound parameters. A prefix filter is written
 * `lower(col) LIKE lower($n) || '%'` so the `lower(col) text_pattern_ops` indexes serve it.
 */
export class PostgresEvDirectoryStore implements EvDirectoryStore {
  constructor(private readonly db: DataSource) {}

  async users(
    filter: UserFilter,
    afterUserId: string | undefined,
    limit: number,
  ): Promise<StoredUser[]> {
    const { userId, firstNamePrefix, lastNamePrefix, emailPrefix } = filter;
    if (holdsNul([userId, firstNamePrefix, lastNamePrefix, emailPrefix, afterUserId])) return [];
    const { where, bind, params } = conditions();
    if (userId !== undefined) where.push(`user_id = ${bind(userId)}`);
    const prefix = (column: string, text: string | undefined) => {
      if (text !== undefined)
        where.push(`lower(${column}) LIKE (lower(${bind(likePrefix(text))}) || '%')`);
    };
    prefix('first_name', firstNamePrefix);
    prefix('last_name', lastNamePrefix);
    prefix('email', emailPrefix);
    if (afterUserId !== undefined) where.push(`user_id > ${bind(afterUserId)}`);
    return this.query<StoredUser>(
      `SELECT user_id, first_name, last_name, email, phone, signup_date::text AS signup_date
       FROM directory.ev_users
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY user_id LIMIT ${bind(limit)}`,
      params,
    );
  }

  async chargers(
    filter: ChargerFilter,
    afterChargerId: string | undefined,
    limit: number,
  ): Promise<StoredCharger[]> {
    if (holdsNul([filter.chargerId, filter.city, afterChargerId])) return [];
    const { where, bind, params } = conditions();
    if (filter.chargerId !== undefined) where.push(`charger_id = ${bind(filter.chargerId)}`);
    if (filter.city !== undefined) where.push(`lower(city) = lower(${bind(filter.city)})`);
    if (afterChargerId !== undefined) where.push(`charger_id > ${bind(afterChargerId)}`);
    return this.query<StoredCharger>(
      `SELECT charger_id, name, city, address, latitude, longitude, power_kw, connector_type
       FROM directory.ev_chargers
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY charger_id LIMIT ${bind(limit)}`,
      params,
    );
  }

  async hasCharger(chargerId: string): Promise<boolean> {
    if (holdsNul([chargerId])) return false;
    const rows = await this.query<{ found: number }>(
      'SELECT 1 AS found FROM directory.ev_chargers WHERE charger_id = $1',
      [chargerId],
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
          'the EV directory is not set up yet: directory-projector has not started',
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

function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return { where, bind, params };
}
