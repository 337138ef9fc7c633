import { type TributaryEv } from '@tributary/contracts';
import {
  dateTime,
  dimensionProvenance,
  finite,
  nullableDate,
  nullableDateTime,
  nullableFinite,
  nullableMoney,
  provenance,
  type DimensionProvenance,
  type ExactNumber,
  type Provenance,
} from './row-values';

/** A row of ev_users, as JSONEachRow sends it. */
export interface EvUserRow extends DimensionProvenance {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  signup_date: string | null;
}

export function evUserRow(event: TributaryEv.UserUpserted): EvUserRow {
  return {
    user_id: event.user_id,
    first_name: event.first_name,
    last_name: event.last_name,
    email: event.email,
    phone: event.phone,
    signup_date: nullableDate('signup_date', event.signup_date),
    ...dimensionProvenance(event.metadata),
  };
}

/** A row of ev_chargers. */
export interface EvChargerRow extends DimensionProvenance {
  charger_id: string;
  name: string;
  city: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  power_kw: number | null;
  connector_type: string | null;
}

export function evChargerRow(event: TributaryEv.ChargerUpserted): EvChargerRow {
  return {
    charger_id: event.charger_id,
    name: event.name,
    city: event.city,
    address: event.address,
    latitude: nullableFinite('latitude', event.latitude),
    longitude: nullableFinite('longitude', event.longitude),
    power_kw: nullableFinite('power_kw', event.power_kw),
    connector_type: event.connector_type,
    ...dimensionProvenance(event.metadata),
  };
}

/** A row of ev_transactions (a charging session). */
export interface EvTransactionRow extends Provenance {
  transaction_id: string;
  user_id: string;
  charger_id: string;
  start_time: string;
  end_time: string | null;
  energy_kwh: number;
  cost: ExactNumber | null;
  currency: string | null;
}

export function evTransactionRow(event: TributaryEv.ChargingSessionRecorded): EvTransactionRow {
  return {
    transaction_id: event.transaction_id,
    user_id: event.user_id,
    charger_id: event.charger_id,
    start_time: dateTime('start_time', event.start_time),
    end_time: nullableDateTime('end_time', event.end_time),
    energy_kwh: finite('energy_kwh', event.energy_kwh),
    cost: nullableMoney('cost', event.cost),
    currency: event.currency,
    ...provenance(event.metadata),
  };
}
