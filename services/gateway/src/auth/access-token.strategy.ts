import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import jwt from 'jsonwebtoken';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, type SecretOrKeyProvider } from 'passport-jwt';
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

/** Why passport-jwt refused a token (its `info`), as the problem the client reads. */
function refusal(info: unknown): ProblemException {
  if (info instanceof ProblemException) return info;
  if ((info as { name?: string } | null)?.name === 'TokenExpiredError')
    return new ProblemException(
      'unauthorized',
      'the access token has expired; refresh it or log in again',
    );
  return invalid();
}

const STRATEGY = 'access-token';

/**
 * Each strategy's own passport: the process-wide one keeps one strategy per name, so two gateways
 * in one process (the test beds) would verify with whichever registered last. Kept beside the
 * instance, not in a field: @nestjs/passport registers the strategy from inside the base
 * constructor, before a subclass's fields exist.
 */
type Passport = InstanceType<typeof passport.Passport>;
const passports = new WeakMap<object, Passport>();

/**
 * Access tokens, verified by passport-jwt under @nestjs/passport: exactly one algorithm (RS256: a
 * token cannot choose `none`, nor HS256 keyed with our public key), a `kid` naming one of this
 * gateway's keys (the signing one or a rollover one; never a key the token carries), the issuer,
 * the audience and an expiry are required, with 30 s of clock tolerance. The token only names the
 * account and its sign-in: the role, and whether the account and the sign-in are still valid,
 * come from the account store on every request (`validate`), so disabling an account, changing
 * its role or logging out takes effect at once.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(JwtStrategy, STRATEGY) {
  constructor(
    @Inject(JWT_SETTINGS) settings: JwtSettings,
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
  ) {
    const keyOf: SecretOrKeyProvider = (_request, rawToken, done) => {
      const decoded = jwt.decode(String(rawToken), { complete: true });
      const kid = decoded?.header.kid;
      const key = typeof kid === 'string' ? settings.keys.verifying.get(kid) : undefined;
      // jsonwebtoken verifies with a KeyObject as with a PEM; passport-jwt only passes it on.
      if (key) done(null, key as unknown as string);
      else done(invalid());
    };
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyOf,
      algorithms: [JWT_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_S },
    });
  }

  getPassportInstance(): Passport {
    let own = passports.get(this);
    if (!own) {
      own = new passport.Passport();
      passports.set(this, own);
    }
    return own;
  }

  /** The principal of a request carrying `Authorization: Bearer <access token>`; else a 401 problem. */
  principalOf(request: object): Promise<Principal> {
    return new Promise((resolve, reject) => {
      this.getPassportInstance().authenticate(
        STRATEGY,
        { session: false },
        (error: unknown, principal: Principal | false, info: unknown) => {
          // An error (not a refusal) comes from `validate`: one of its own problems, or the
          // account store failing, which must answer as an outage (503), not as a bad token.
          if (error) reject(error);
          else if (principal) resolve(principal);
          else reject(refusal(info));
        },
      )(request, {}, (error: unknown) => reject(refusal(error)));
    });
  }

  async validate(payload: jwt.JwtPayload): Promise<Principal> {
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
