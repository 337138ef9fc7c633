import { newJwtPrivateKey } from '@tributary/testing';
import jwt from 'jsonwebtoken';
import { ProblemException } from '../http/problem';
import { AccessTokenStrategy } from './access-token.strategy';
import { type Account, type AccountStore } from './account';
import { loadJwtKeys } from './jwt-keys';

const keys = loadJwtKeys({ JWT_PRIVATE_KEY: newJwtPrivateKey() });
const settings = { keys, issuer: 'tributary-test', audience: 'tributary-api-test' };
const account: Account = {
  id: '00000000-0000-4000-8000-00000000000a',
  email: 'ana@example.com',
  passwordHash: 'unused',
  role: 'analyst',
  createdAt: new Date('2026-12-01T00:00:00Z'),
  disabledAt: null,
};

/** A request bearing a token for `account`'s sign-in `s-1`, valid for a minute. */
const requestWithToken = () => {
  const token = jwt.sign({ sub: account.id, sid: 's-1' }, keys.signingKey, {
    algorithm: 'RS256',
    keyid: keys.kid,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: 60,
  });
  return { headers: { authorization: `Bearer ${token}` } };
};

/** The strategy over an account store whose session lookup does what `sessionState` says. */
const strategyWith = (sessionState: AccountStore['sessionState']) =>
  new AccessTokenStrategy(settings, { sessionState } as unknown as AccountStore);

describe('AccessTokenStrategy', () => {
  it('gives the principal of a valid token, its role read from the account store', async () => {
    const strategy = strategyWith(async () => ({ account, sessionRevoked: false }));
    await expect(strategy.principalOf(requestWithToken())).resolves.toMatchObject({
      accountId: account.id,
      role: 'analyst',
      sessionId: 's-1',
    });
  });

  it('refuses a logged-out sign-in with a 401 problem', async () => {
    const strategy = strategyWith(async () => ({ account, sessionRevoked: true }));
    const refused = await strategy.principalOf(requestWithToken()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).slug).toBe('unauthorized');
    expect((refused as ProblemException).detail).toBe('the session was logged out; log in again');
  });

  it('passes an account store outage on as it is, for the problem filter to answer 503, not 401', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const strategy = strategyWith(() => Promise.reject(outage));
    await expect(strategy.principalOf(requestWithToken())).rejects.toBe(outage);
  });
});
