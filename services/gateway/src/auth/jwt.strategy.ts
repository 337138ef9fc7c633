import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Principal } from './account';

export const JWT_SETTINGS = Symbol('JWT_SETTINGS');

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * Verifies access tokens: exactly one algorithm (HS256, so a token cannot choose `none` or an
 * RSA key confusion), and the issuer and audience are required.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(JWT_SETTINGS) settings: JwtSettings) {
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
    });
  }

  validate(payload: Record<string, unknown>): Principal | false {
    const { sub, email, role } = payload;
    if (typeof sub !== 'string' || typeof email !== 'string') return false;
    if (!(ROLES as readonly unknown[]).includes(role)) return false;
    return { accountId: sub, email, role: role as Principal['role'] };
  }
}
