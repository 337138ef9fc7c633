import { generateKeyPairSync } from 'node:crypto';

/** A fresh RSA signing key for access tokens, as PEM (what JWT_PRIVATE_KEY holds). */
export const newJwtPrivateKey = (bits = 2048): string =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

/** One key per test process, for suites that only need the gateway to start. */
export const TEST_JWT_PRIVATE_KEY = newJwtPrivateKey();
