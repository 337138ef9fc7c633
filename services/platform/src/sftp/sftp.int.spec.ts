import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '../config/config';
import { stackConfig, uniqueName } from '@tributary/testing';
import { createLogger } from '../logging/logger';
import { connectSftp } from './sftp-client.factory';
import { sftpConfigSchema } from './sftp.config';

// SFTP_ROOT is where the local stack's server keeps its files, so the test can plant a file the
// way a partner's upload would, then list and download it over SFTP. Remote paths are relative to
// the login's start folder, as with most partners' servers.
const config = stackConfig(sftpConfigSchema.extend({ SFTP_ROOT: env.string() }));
const logger = createLogger('platform-test', 'warn');

describe('SFTP', () => {
  it('lists and downloads a file a partner dropped in a folder', async () => {
    const folder = uniqueName('partner');
    const content = 'sale_id,product_id,quantity,amount,sale_date\ns-1,p-1,2,9.98,2026-11-21\n';
    await mkdir(join(config.SFTP_ROOT, 'inbox', folder), { recursive: true });
    await writeFile(join(config.SFTP_ROOT, 'inbox', folder, 'sales.csv'), content);

    const client = await connectSftp(config, logger);
    try {
      const listing = await client.list(`inbox/${folder}`);
      expect(listing.map((entry) => [entry.name, entry.size])).toEqual([
        ['sales.csv', Buffer.byteLength(content)],
      ]);
      const downloaded = (await client.get(`inbox/${folder}/sales.csv`)) as Buffer;
      expect(downloaded.toString('utf8')).toBe(content);
    } finally {
      await client.end();
    }
  });

  it('refuses a key the server does not know', async () => {
    const stranger = join(await mkdtemp(join(tmpdir(), 'tributary-')), 'stranger.key');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(stranger, privateKey.export({ format: 'pem', type: 'pkcs1' }), { mode: 0o600 });
    await expect(
      connectSftp({ ...config, SFTP_PRIVATE_KEY_PATH: stranger }, logger),
    ).rejects.toThrow(/authentication/i);
  });
});
