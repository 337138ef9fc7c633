import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh RSA signing key for the gateway's access tokens, as PEM (what JWT_PRIVATE_KEY holds):
 * for every test and bench that starts a gateway. 2048 bits, the gateway's minimum.
 */
export const newJwtPrivateKey = (bits = 2048): string =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
