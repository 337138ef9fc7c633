import { ClickHouseError } from '@clickhouse/client';
import {
  classifyClickHouseError,
  clickHouseCall,
  ClickHouseStatementError,
} from './clickhouse-errors';

describe('ClickHouse errors', () => {
  it('makes a statement the server refused for good non-retriable, keeping its code', () => {
    const refused = new ClickHouseError({
      message: 'Syntax error: failed at position 262140',
      code: '62',
    });
    const classified = classifyClickHouseError(refused);
    expect(classified).toBeInstanceOf(ClickHouseStatementError);
    expect(classified).toMatchObject({
      code: 'CLICKHOUSE.STATEMENT_REFUSED',
      serverCode: '62',
      retriable: false,
      message: 'Syntax error: failed at position 262140',
    });
  });

  it('leaves transient failures as they are, so they are retried', () => {
    const memory = new ClickHouseError({ message: 'Memory limit exceeded', code: '241' });
    const network = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyClickHouseError(memory)).toBe(memory);
    expect(classifyClickHouseError(network)).toBe(network);
  });

  it('wraps a call', async () => {
    await expect(clickHouseCall(() => Promise.resolve(3))).resolves.toBe(3);
    await expect(
      clickHouseCall(() =>
        Promise.reject(new ClickHouseError({ message: 'Unknown table', code: '60' })),
      ),
    ).rejects.toMatchObject({ retriable: false, serverCode: '60' });
  });
});
