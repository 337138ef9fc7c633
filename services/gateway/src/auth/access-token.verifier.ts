import { type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { ProblemException } from '../http/problem';
import { scopesOf } from './access';
import { ACCOUNT_STORE, type AccountStore, type Principal } from './account';
import { JWT_ALGORITHM, type JwtKeys } from './jwt-keys';

export const JWT_SETTINGS = Symbol('JWT_SETTINGS');

export interface JwtSettings {
  keys: JwtKeys;
  issuer: string;
  audience: string;
}

/** Clock skew tolerated between the gateway replicas that sign and verify, in seconds. */
export const CLOCK_TOLERANCE_S = 30;

const invalid = () => new ProblemException('unauthorized', 'the access token is not valid');

/**
 * Verifies access tokens: exactly one algorithm (RS256: a token cannot choose `none`, nor HS256
 * keyed with our public key), a `kid` naming one of this gateway's keys (the signing one or a
 * rollover one; never a key the token carries), the issuer, the audience and an expiry are
 * required. The token only names the account and its sign-in: the role, and whether the account
 * and the sign-in are still valid, come from the account store on every request, so disabling
 * an account, changing its role or logging out takes effect at once.
 *
 * Not a passport strategy: passport keeps one strategy per name for the whole process, so two
 * gateways in one process (the test beds) would verify with whichever registered last.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    @Inject(JWT_SETTINGS) private readonly settings: JwtSettings,
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
  ) {}

  async verify(token: string): Promise<Principal> {
    const payload = await new Promise<jwt.JwtPayload>((resolve, reject) => {
      jwt.verify(
        token,
        (header, done) => {
          const key: KeyObject | undefined =
            typeof header.kid === 'string'
              ? this.settings.keys.verifying.get(header.kid)
              : undefined;
          if (key) done(null, key as unknown as jwt.Secret);
          else done(invalid());
        },
        {
          algorithms: [JWT_ALGORITHM],
          issuer: this.settings.issuer,
          audience: this.settings.audience,
          clockTolerance: CLOCK_TOLERANCE_S,
        },
        (error, decoded) => {
          if (error instanceof jwt.TokenExpiredError)
            reject(
              new ProblemException(
                'unauthorized',
                'the access token has expired; refresh it or log in again',
              ),
            );
          else if (error || typeof decoded !== 'object' || decoded === null) reject(invalid());
          else resolve(decoded);
        },
      );
    });
    const { sub, sid, exp } = payload;
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof exp !== 'number' || typeof sub !== 'string' || typeof sid !== 'string')
      throw invalid();
    const state = await this.accounts.sessionState(sub, sid);
    if (!state) throw new ProblemException('unauthorized', 'the account no longer exists');
    if (state.account.disabledAt)
      throw new ProblemException('unauthorized', 'the account is disabled');
    if (state.sessionRevoked)
      throw new ProblemException('unauthorized', 'the session was logged out; log in again');
    const { account } = state;
    return {
      accountId: account.id,
      email: account.email,
      role: account.role,
      scopes: scopesOf(account.role),
      sessionId: sid,
    };
  }
}
