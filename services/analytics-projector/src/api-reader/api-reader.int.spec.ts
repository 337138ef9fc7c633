import { clickHouseConfigSchema, createClickHouse, createLogger } from '@tributary/platform';
import { stackConfig } from '@tributary/testing';
import { ensureApiReader } from './api-reader';

const config = stackConfig(clickHouseConfigSchema);

describe('ensureApiReader on the local stack’s ClickHouse 18.16', () => {
  it('leaves the API user to users.xml, where a server without SQL users defines it', async () => {
    const clickhouse = createClickHouse(config, createLogger('test', 'warn'));
    try {
      expect(
        await ensureApiReader(
          clickhouse,
          {
            user: 'tributary_api',
            password: 'unused-by-this-server',
            database: config.CLICKHOUSE_DATABASE,
          },
          createLogger('test', 'warn'),
        ),
      ).toBe('defined-in-users-xml');
    } finally {
      await clickhouse.close();
    }
  });
});
