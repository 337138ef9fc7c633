import { type DataSource } from 'typeorm';
import { conditions, holdsNul, queryDirectory } from '../directory/directory-sql';
import {
  type ChargerFilter,
  type EvDirectoryStore,
  type StoredCharger,
  type StoredUser,
  type UserFilter,
} from './ev.store';

/**
 * EV users and chargers from the directory (Postgres schema `directory`, kept by
 * directory-projector). Values are always bound parameters; a prefix filter is served by the
 * `lower(col) text_pattern_ops` indexes. A filter containing NUL matches nothing.
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
    const { where, bind, params, prefix, whereClause } = conditions();
    if (userId !== undefined) where.push(`user_id = ${bind(userId)}`);
    prefix('first_name', firstNamePrefix);
    prefix('last_name', lastNamePrefix);
    prefix('email', emailPrefix);
    if (afterUserId !== undefined) where.push(`user_id > ${bind(afterUserId)}`);
    return queryDirectory<StoredUser>(
      this.db,
      'ev_users',
      `SELECT user_id, first_name, last_name, email, phone, signup_date::text AS signup_date
       FROM directory.ev_users ${whereClause()}
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
    const { where, bind, params, whereClause } = conditions();
    if (filter.chargerId !== undefined) where.push(`charger_id = ${bind(filter.chargerId)}`);
    if (filter.city !== undefined) where.push(`lower(city) = lower(${bind(filter.city)})`);
    if (afterChargerId !== undefined) where.push(`charger_id > ${bind(afterChargerId)}`);
    return queryDirectory<StoredCharger>(
      this.db,
      'ev_chargers',
      `SELECT charger_id, name, city, address, latitude, longitude, power_kw, connector_type
       FROM directory.ev_chargers ${whereClause()}
       ORDER BY charger_id LIMIT ${bind(limit)}`,
      params,
    );
  }

  async hasCharger(chargerId: string): Promise<boolean> {
    if (holdsNul([chargerId])) return false;
    const rows = await queryDirectory<{ found: number }>(
      this.db,
      'ev_chargers',
      'SELECT 1 AS found FROM directory.ev_chargers WHERE charger_id = $1',
      [chargerId],
    );
    return rows.length > 0;
  }
}
