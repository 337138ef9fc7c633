import { randomBytes } from 'node:crypto';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@tributary/platform';
import { gatewayConfigSchema } from '../config/gateway.config';
import { createGateway } from '../main';
import { TEST_JWT_PRIVATE_KEY } from './jwt-test-key';

export interface StandaloneGateway {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>`. */
  readonly api: string;
  readonly port: number;
  /** The admin's access token. */
  readonly token: string;
}

/**
 * A gateway in this process on a free port, for a suite that runs the other services itself:
 * the stack's environment with a test signing key, the admin given, limits that a suite's own
 * requests never reach, no sensor-ingest (an address nothing answers on), and `env` on top. The
 * admin is signed in.
 */
export async function startStandaloneGateway(
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<StandaloneGateway> {
  const app = await createGateway(
    loadConfig(gatewayConfigSchema, {
      ...process.env,
      HTTP_PORT: '1',
      SENSOR_INGEST_ADDRESS: '127.0.0.1:1',
      JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
      SERVICE_CREDENTIAL: randomBytes(32).toString('hex'),
      TRIBUTARY_ADMIN_EMAIL: admin.email,
      TRIBUTARY_ADMIN_PASSWORD: admin.password,
      RATE_LIMITS: 'auth=1000/1s,ingest=1000/1s,query=1000/1s,banking=1000/1s',
      PRINCIPAL_RATE_LIMITS: 'anonymous=100000/1s,account=100000/1s,ingest=100000/1s',
      LOG_LEVEL: 'warn',
      ...env,
    }),
  );
  const { api, port } = await listenOnLoopback(app);
  return { app, api, port, token: await accessToken(api, admin) };
}

/** Starts `app` listening on a free loopback port; its address. */
export async function listenOnLoopback(
  app: NestFastifyApplication,
): Promise<{ api: string; port: number }> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || !address) throw new Error('gateway has no address');
  return { api: `http://127.0.0.1:${address.port}`, port: address.port };
}

/** The account's access token, from a login it must pass. */
export async function accessToken(
  api: string,
  account: { email: string; password: string },
): Promise<string> {
  const login = await fetch(`${api}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (login.status !== 200) throw new Error(`login of ${account.email}: ${login.status}`);
  return ((await login.json()) as { access_token: string }).access_token;
}
