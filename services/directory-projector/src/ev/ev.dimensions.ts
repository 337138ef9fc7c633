import { dimensionEntity, type DimensionSpec } from '../dimensions/dimension';

/** A row of `directory.ev_users`: EV charging users, looked up by id, name and email. */
export interface EvUserRow {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  signup_date: string | null;
}

export const EV_USERS: DimensionSpec<'ev.users', EvUserRow> = {
  topic: 'ev.users',
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
  nullable: ['email', 'phone', 'signup_date'],
  row: (event) => ({
    user_id: event.user_id,
    first_name: event.first_name,
    last_name: event.last_name,
    email: event.email,
    phone: event.phone,
    signup_date: event.signup_date,
  }),
};

/** A row of `directory.ev_chargers`: charging points, looked up by id and city. */
export interface EvChargerRow {
  charger_id: string;
  name: string;
  city: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  power_kw: number | null;
  connector_type: string | null;
}

export const EV_CHARGERS: DimensionSpec<'ev.chargers', EvChargerRow> = {
  topic: 'ev.chargers',
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
  nullable: ['address', 'latitude', 'longitude', 'power_kw', 'connector_type'],
  row: (event) => ({
    charger_id: event.charger_id,
    name: event.name,
    city: event.city,
    address: event.address,
    latitude: event.latitude,
    longitude: event.longitude,
    power_kw: event.power_kw,
    connector_type: event.connector_type,
  }),
};

export const EvUserEntity = dimensionEntity(EV_USERS);
export const EvChargerEntity = dimensionEntity(EV_CHARGERS);
