import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The one algorithm of access tokens: asymmetric, so a replica that only verifies holds no secret. */
export const JWT_ALGORITHM = 'RS256';
const MIN_RSA_BITS = 2048;

/** The key that signs, and every key that verifies (by `kid`): the signing one and the rollover ones. */
export interface JwtKeys {
  signingKey: KeyObject;
  kid: string;
  verifying: ReadonlyMap<string, KeyObject>;
}

export interface JwtKeySources {
  JWT_PRIVATE_KEY?: string | undefined;
  JWT_PRIVATE_KEY_FILE?: string | undefined;
  JWT_ROLLOVER_PUBLIC_KEYS?: string | undefined;
  JWT_ROLLOVER_PUBLIC_KEYS_FILE?: string | undefined;
}

/** A key problem, with the variable to fix. */
export class JwtKeyError extends Error {
  constructor(
    readonly variable: keyof JwtKeySources,
    message: string,
  ) {
    super(message);
  }
}

/** The RFC 7638 thumbprint of an RSA public key: a `kid` nobody has to choose or keep unique. */
export function keyId(publicKey: KeyObject): string {
  const { e, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
}

/** Environments often cannot hold newlines: `\n` written out stands for one. */
const pemText = (text: string) => text.replace(/\\n/g, '\n').trim();

function source(
  inline: string | undefined,
  file: string | undefined,
  inlineName: keyof JwtKeySources,
  fileName: keyof JwtKeySources,
): string | undefined {
  if (inline !== undefined && file !== undefined)
    throw new JwtKeyError(fileName, `set ${inlineName} or ${fileName}, not both`);
  if (file === undefined) return inline === undefined ? undefined : pemText(inline);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new JwtKeyError(fileName, `cannot be read: ${(error as Error).message}`);
  }
}

function rsaBits(key: KeyObject): number {
  return key.asymmetricKeyType === 'rsa' ? (key.asymmetricKeyDetails?.modulusLength ?? 0) : 0;
}

/**
 * The token keys from the environment or mounted files. Refuses what would make tokens weak: no
 * key, a key that is not RSA, or one shorter than 2048 bits.
 */
export function loadJwtKeys(sources: JwtKeySources): JwtKeys {
  const privatePem = source(
    sources.JWT_PRIVATE_KEY,
    sources.JWT_PRIVATE_KEY_FILE,
    'JWT_PRIVATE_KEY',
    'JWT_PRIVATE_KEY_FILE',
  );
  const keyVariable = sources.JWT_PRIVATE_KEY_FILE ? 'JWT_PRIVATE_KEY_FILE' : 'JWT_PRIVATE_KEY';
  if (!privatePem)
    throw new JwtKeyError(
      'JWT_PRIVATE_KEY',
      'is required (or JWT_PRIVATE_KEY_FILE): the PEM of an RSA private key of 2048 bits or more, e.g. `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072`',
    );
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey(privatePem);
  } catch {
    throw new JwtKeyError(keyVariable, 'must be the PEM of a private key');
  }
  if (rsaBits(signingKey) < MIN_RSA_BITS)
    throw new JwtKeyError(keyVariable, `must be an RSA key of at least ${MIN_RSA_BITS} bits`);
  const publicKey = createPublicKey(signingKey);
  const kid = keyId(publicKey);
  const verifying = new Map([[kid, publicKey]]);

  const rolloverVariable = sources.JWT_ROLLOVER_PUBLIC_KEYS_FILE
    ? 'JWT_ROLLOVER_PUBLIC_KEYS_FILE'
    : 'JWT_ROLLOVER_PUBLIC_KEYS';
  const rollover = source(
    sources.JWT_ROLLOVER_PUBLIC_KEYS,
    sources.JWT_ROLLOVER_PUBLIC_KEYS_FILE,
    'JWT_ROLLOVER_PUBLIC_KEYS',
    'JWT_ROLLOVER_PUBLIC_KEYS_FILE',
  );
  const pems = rollover?.match(/-----BEGIN [^-]+-----[\s\S]+?-----END [^-]+-----/g) ?? [];
  if (rollover && pems.length === 0)
    throw new JwtKeyError(rolloverVariable, 'must hold one or more PEM public keys');
  for (const pem of pems) {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new JwtKeyError(rolloverVariable, 'must hold PEM public keys only');
    }
    if (rsaBits(key) < MIN_RSA_BITS)
      throw new JwtKeyError(
        rolloverVariable,
        `must hold RSA keys of at least ${MIN_RSA_BITS} bits`,
      );
    verifying.set(keyId(key), key);
  }
  return { signingKey, kid, verifying };
}
