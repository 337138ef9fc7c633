import { scopesOf } from '../auth/access';
import { type Principal, type Role } from '../auth/account';
import { ProblemException } from '../http/problem';
import {
  assertMayFilter,
  maskEmail,
  maskPhone,
  maskText,
  visibleRecords,
  visibleRejection,
} from './personal-data';

const as = (role: Role): Principal => ({
  accountId: 'a',
  email: 'x@example.com',
  role,
  scopes: scopesOf(role),
});

describe('personal data', () => {
  it('masks names, e-mails and phones to a hint that cannot be contacted', () => {
    expect(maskText('Grace')).toBe('G***');
    expect(maskText('Łukasz')).toBe('Ł***');
    // An emoji is two UTF-16 units: the mask keeps the whole character, never half of it.
    expect(maskText('😀nne')).toBe('😀***');
    expect(maskText('')).toBe('');
    expect(maskEmail('grace.muller.1@example.com')).toBe('g***@e***.com');
    expect(maskEmail('ops@mail.bank.co.uk')).toBe('o***@m***.uk');
    expect(maskEmail('not-an-email')).toBe('n***');
    expect(maskPhone('+351 912 345 678')).toBe('***78');
  });

  it('masks the dataset’s personal fields for an analyst, leaves them for a steward and an admin', () => {
    const user = {
      user_id: 'u-1',
      first_name: 'Grace',
      last_name: 'Müller',
      email: 'grace@example.com',
      phone: null,
      signup_date: '2030-01-02',
    };
    expect(visibleRecords(as('analyst'), 'ev.users', [user])).toEqual([
      {
        user_id: 'u-1',
        first_name: 'G***',
        last_name: 'M***',
        email: 'g***@e***.com',
        phone: null,
        signup_date: '2030-01-02',
      },
    ]);
    expect(visibleRecords(as('steward'), 'ev.users', [user])).toEqual([user]);
    expect(visibleRecords(as('admin'), 'ev.users', [user])).toEqual([user]);
    const client = { client_id: 'c-1', name: 'Ada Lovelace', email: null, country: 'GB' };
    expect(visibleRecords(as('analyst'), 'banking.clients', [client])).toEqual([
      { client_id: 'c-1', name: 'A***', email: null, country: 'GB' },
    ]);
  });

  it('hides a rejected row’s raw text and the value its reasons quote', () => {
    const rejection = {
      row_number: 4,
      raw: 'u-9,Grace,Müller,grace@,+351',
      reasons: ['email: must be an e-mail address, got "grace@"', 'phone: is too short'],
    };
    expect(visibleRejection(as('analyst'), rejection)).toEqual({
      row_number: 4,
      raw: '***',
      reasons: ['email: must be an e-mail address', 'phone: is too short'],
    });
    expect(visibleRejection(as('ingest'), { ...rejection, reason: 'x: bad, got "y"' })).toEqual(
      expect.objectContaining({ raw: '***', reason: 'x: bad' }),
    );
    expect(visibleRejection(as('steward'), rejection)).toEqual(rejection);
  });

  it('refuses a filter on a personal field without read:personal', () => {
    expect(() => assertMayFilter(as('analyst'), 'ev.users', { email: 'gr' })).toThrow(
      new ProblemException(
        'forbidden',
        'filtering by email reads personal data: it needs the read:personal scope (role steward or admin)',
      ),
    );
    expect(() =>
      assertMayFilter(as('analyst'), 'banking.clients', { name: 'a', email: undefined }),
    ).toThrow(ProblemException);
    expect(() => assertMayFilter(as('analyst'), 'ev.users', { user_id: 'u-1' })).not.toThrow();
    expect(() => assertMayFilter(as('steward'), 'ev.users', { email: 'gr' })).not.toThrow();
  });
});
