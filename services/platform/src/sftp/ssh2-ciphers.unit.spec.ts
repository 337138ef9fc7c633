import { createRequire } from 'node:module';

/**
 * ssh2's optional C++ cipher binding, built against Node >= 24.19 headers, aborts the process
 * (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook) when the garbage
 * collector reclaims a cipher of a closed SFTP connection: nodejs/node#65446. file-ingest died
 * that way seconds after an SFTP poll. The install (scripts/toolchain.sh, package.json
 * `allowScripts`) and the images (`npm ci --ignore-scripts`) leave the binding out.
 */
describe('the SFTP client', () => {
  it('runs on ssh2’s JavaScript ciphers, never on its native binding', () => {
    const load = createRequire(require.resolve('ssh2-sftp-client'));
    const crypto = load('ssh2/lib/protocol/crypto') as { bindingAvailable: boolean };
    expect(crypto.bindingAvailable).toBe(false);
  });
});
