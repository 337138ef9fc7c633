import {
  directoryStoreDatabase,
  PROVENANCE,
  PROVENANCE_VALUES,
} from '../testing/postgres-store.test-bed';
import { PostgresEvDirectoryStore } from './ev.postgres-store';
import { type StoredCharger, type StoredUser } from './ev.store';

const bed = directoryStoreDatabase('gateway_ev_directory');
let store: PostgresEvDirectoryStore;

const user = (
  user_id: string,
  first_name: string,
  last_name: string,
  email: string | null,
): StoredUser => ({
  user_id,
  first_name,
  last_name,
  email,
  phone: user_id === 'u1' ? '+351 912345678' : null,
  signup_date: user_id === 'u1' ? '2030-02-28' : null,
});
const U = {
  u1: user('u1', 'Grace', 'Müller', 'grace.muller@example.com'),
  u2: user('u2', 'greta', 'MÜNCH', null),
  u3: user('u3', 'Gr%ce', 'Souza', 'gr%ce@example.com'),
  u4: user('u4', 'Gr_ta', "O'Neil", 'a_b@example.com'),
  u5: user('u5', 'Back\\slash', 'Élodie', 'axb@example.com'),
  u6: user('u6', 'Émile', 'élan', 'emile@example.com'),
};
const charger = (charger_id: string, city: string): StoredCharger => ({
  charger_id,
  name: `${city} ${charger_id}`,
  city,
  address: charger_id === 'c1' ? '1 Station Road' : null,
  latitude: charger_id === 'c1' ? 50.06143 : null,
  longitude: charger_id === 'c1' ? -8.5 : null,
  power_kw: charger_id === 'c1' ? 150 : null,
  connector_type: charger_id === 'c1' ? 'CCS2' : null,
});
const C = {
  c1: charger('c1', 'Kraków'),
  c2: charger('c2', 'KRAKÓW'),
  c3: charger('c3', 'Krakow'),
  c4: charger('c4', 'Lyon'),
};

beforeAll(async () => {
  const { db } = bed;
  // The tables as the directory's migrations make them; each row with its provenance.
  for (const u of Object.values(U).reverse())
    await db.query(
      `INSERT INTO directory.ev_users (user_id, first_name, last_name, email, phone, signup_date, ${PROVENANCE})
       VALUES ($1, $2, $3, $4, $5, $6, ${PROVENANCE_VALUES})`,
      [u.user_id, u.first_name, u.last_name, u.email, u.phone, u.signup_date],
    );
  for (const c of Object.values(C))
    await db.query(
      `INSERT INTO directory.ev_chargers (charger_id, name, city, address, latitude, longitude, power_kw, connector_type, ${PROVENANCE})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${PROVENANCE_VALUES})`,
      [
        c.charger_id,
        c.name,
        c.city,
        c.address,
        c.latitude,
        c.longitude,
        c.power_kw,
        c.connector_type,
      ],
    );
  store = new PostgresEvDirectoryStore(db);
});

const ids = (rows: { user_id: string }[]) => rows.map((r) => r.user_id);

describe('PostgresEvDirectoryStore.users', () => {
  it('lists users by id with every column', async () => {
    expect(await store.users({}, undefined, 100)).toEqual(Object.values(U));
    expect(ids(await store.users({}, 'u2', 2))).toEqual(['u3', 'u4']);
    expect(await store.users({ userId: 'u1' }, undefined, 100)).toEqual([U.u1]);
  });

  it.each([
    ['a prefix in any case', { firstNamePrefix: 'GR' }, ['u1', 'u2', 'u3', 'u4']],
    ['the whole value', { firstNamePrefix: 'grace' }, ['u1']],
    ['% as itself', { firstNamePrefix: 'gr%' }, ['u3']],
    ['_ as itself', { firstNamePrefix: 'gr_' }, ['u4']],
    ['a backslash as itself', { firstNamePrefix: 'back\\s' }, ['u5']],
    ['a lone backslash', { firstNamePrefix: '\\' }, []],
    ['a quote', { lastNamePrefix: "o'" }, ['u4']],
    ['non-ASCII letters in any case', { lastNamePrefix: 'mü' }, ['u1', 'u2']],
    ['an accented capital', { lastNamePrefix: 'ÉL' }, ['u5', 'u6']],
    ['emails, never null ones', { emailPrefix: 'GR' }, ['u1', 'u3']],
    ['_ in an email', { emailPrefix: 'a_' }, ['u4']],
    ['an emoji', { firstNamePrefix: '🔌' }, []],
    ['NUL, which no text holds', { firstNamePrefix: 'g\u0000' }, []],
    ['filters together', { firstNamePrefix: 'g', lastNamePrefix: 'm', emailPrefix: 'g' }, ['u1']],
  ])('matches %s', async (_name, filter, expected) => {
    expect(ids(await store.users(filter, undefined, 100))).toEqual(expected);
  });

  it('finds prefixes through the lower(...) text_pattern_ops indexes', async () => {
    await bed.db.query('SET enable_seqscan = off');
    try {
      const plan = (await bed.db.query(
        `EXPLAIN SELECT user_id FROM directory.ev_users
         WHERE lower(last_name) LIKE (lower($1) || '%')`,
        ['Mü'],
      )) as { 'QUERY PLAN': string }[];
      expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain('ev_users_last_name_idx');
    } finally {
      await bed.db.query('SET enable_seqscan = on');
    }
  });
});

describe('PostgresEvDirectoryStore.chargers', () => {
  it('lists chargers by id, by whole city name in any case', async () => {
    expect(await store.chargers({}, undefined, 100)).toEqual(Object.values(C));
    expect(await store.chargers({ city: 'kraków' }, undefined, 100)).toEqual([C.c1, C.c2]);
    expect(await store.chargers({ city: 'kraków' }, 'c1', 100)).toEqual([C.c2]);
    expect(await store.chargers({ city: 'Krak' }, undefined, 100)).toEqual([]);
    expect(await store.chargers({ city: '%' }, undefined, 100)).toEqual([]);
    expect(await store.chargers({ chargerId: 'c4' }, undefined, 100)).toEqual([C.c4]);
  });

  it('knows which chargers the directory holds', async () => {
    expect(await store.hasCharger('c3')).toBe(true);
    expect(await store.hasCharger("c3' OR '1'='1")).toBe(false);
    expect(await store.hasCharger('c3\u0000')).toBe(false);
  });
});
