import { newJwtPrivateKey } from '@tributary/testing';

/** One key per test process, for suites that only need the gateway to start. */
export const TEST_JWT_PRIVATE_KEY = newJwtPrivateKey();
