import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { type DataSource } from 'typeorm';
import { type GatewayConfig } from '../config/gateway.config';
import { type Redis } from 'ioredis';
import { POSTGRES, REDIS } from '../infrastructure';
import { InvitesModule } from '../invites/invites.module';
import { TRUSTED_PROXY_HOPS } from '../throttling/client-ip';
import { ACCOUNT_STORE } from './account';
import { TypeOrmAccountStore } from './accounts.typeorm-store';
import { API_KEY_STORE } from './api-key';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { TypeOrmApiKeyStore } from './api-keys.typeorm-store';
import { AuthController } from './auth.controller';
import { AUTH_CLOCK, AUTH_SETTINGS, AuthService, type AuthSettings } from './auth.service';
import { JWT_ALGORITHM, loadJwtKeys } from './jwt-keys';
import { AccessTokenStrategy, JWT_SETTINGS, type JwtSettings } from './access-token.strategy';
import { DEFAULT_BACKOFF, LOGIN_BACKOFF, RedisLoginBackoff } from './login-backoff';
import { Argon2PasswordHasher, PASSWORD_HASHER } from './password-hasher';

const ADMIN_ACCOUNT = Symbol('ADMIN_ACCOUNT');

/** Creates (or keeps) the configured admin account once the gateway has started. */
@Injectable()
class AdminAccountBootstrap implements OnApplicationBootstrap {
  private readonly log = new Logger('gateway');

  constructor(
    @Inject(ADMIN_ACCOUNT) private readonly admin: { email?: string; password?: string },
    private readonly auth: AuthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.admin;
    if (!email || !password) return;
    const outcome = await this.auth.ensureAdmin(email, password);
    this.log.log({ email: email.toLowerCase(), outcome }, 'admin account ready');
  }
}

/**
 * `/v1/auth/*` and `/v1/api-keys`: accounts, JWTs (RS256 with `kid`, issuer and audience required) and API
 * keys. Exports what the gateway-wide authentication guard needs.
 */
@Module({})
export class AuthModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    // Checked when the config loaded; read again here, where the keys are used.
    const keys = loadJwtKeys(config);
    return {
      module: AuthModule,
      imports: [
        InvitesModule.forRoot(config),
        JwtModule.register({
          privateKey: keys.signingKey as unknown as string,
          signOptions: {
            algorithm: JWT_ALGORITHM,
            keyid: keys.kid,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          },
        }),
      ],
      controllers: [AuthController, ApiKeysController],
      providers: [
        {
          provide: ACCOUNT_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new TypeOrmAccountStore(db),
        },
        {
          provide: API_KEY_STORE,
          inject: [POSTGRES],
          useFactory: (db: DataSource) => new TypeOrmApiKeyStore(db),
        },
        { provide: PASSWORD_HASHER, useClass: Argon2PasswordHasher },
        { provide: TRUSTED_PROXY_HOPS, useValue: config.TRUSTED_PROXY_HOPS },
        {
          provide: LOGIN_BACKOFF,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new RedisLoginBackoff(redis, {
              ...DEFAULT_BACKOFF,
              freeFailures: {
                account: config.LOGIN_FREE_FAILURES_PER_ACCOUNT,
                ip: config.LOGIN_FREE_FAILURES_PER_IP,
              },
            }),
        },
        {
          provide: AUTH_SETTINGS,
          useValue: {
            accessTokenTtlS: config.ACCESS_TOKEN_TTL_S,
            refreshTokenTtlS: config.REFRESH_TOKEN_TTL_S,
            registration: config.REGISTRATION,
          } satisfies AuthSettings,
        },
        { provide: AUTH_CLOCK, useValue: () => new Date() },
        {
          provide: JWT_SETTINGS,
          useValue: {
            keys,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          } satisfies JwtSettings,
        },
        {
          provide: ADMIN_ACCOUNT,
          useValue: {
            email: config.TRIBUTARY_ADMIN_EMAIL,
            password: config.TRIBUTARY_ADMIN_PASSWORD,
          },
        },
        AccessTokenStrategy,
        AuthService,
        ApiKeysService,
        AdminAccountBootstrap,
      ],
      exports: [AuthService, ApiKeysService, AccessTokenStrategy],
    };
  }
}
