import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ProblemException } from '../http/problem';
import { scopesOf } from './access';
import { ACCOUNT_STORE, type AccountStore, type Principal } from './account';

export const JWT_SETTINGS = Symbol('JWT_SETTINGS');

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/** Clock skew tolerated between the gateway replicas that sign and verify, in seconds. */
export const CLOCK_TOLERANCE_S = 30;

/**
 * Verifies access tokens: exactly one algorithm (HS256, so a token cannot choose `none` or an
 * RSA key confusion), the issuer, the audience and an expiry are required. The token only names
 * the account and its sign-in: the role and whether the account and the sign-in are still valid
 * come from the account store on every request, so disabling an account, changing its role or
 * logging out takes effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_SETTINGS) settings: JwtSettings,
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given the secret as a string, jsonwebtoken first tries to parse it
      // as a PEM public key on every request, throws, and only then makes the secret key (3.7%
      // of the gateway's CPU under bench:readings). passport-jwt's types say string or Buffer;
      // it hands the value to jsonwebtoken, which takes a KeyObject as it is.
      secretOrKey: createSecretKey(Buffer.from(settings.secret)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_S },
    });
  }

  async validate(payload: Record<string, unknown>): Promise<Principal | false> {
    const { sub, sid, exp } = payload;
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    if (typeof exp !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') return false;
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
