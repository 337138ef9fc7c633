import { ClickHouseError } from '@clickhouse/client';
import {
  classifyClickHouseError,
  clickHouseCall,
  ClickHouseStatementError,
  isClickHouseUnavailable,
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

  it('reads the code of an 18.16 error, which the client leaves a plain Error', () => {
    const refused = new Error(
      "Code: 60, e.displayText() = DB::Exception: Table tributary.nope doesn't exist., e.what() = DB::Exception\n",
    );
    const slow = new Error(
      'Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 1.004 seconds, maximum: 1, e.what() = DB::Exception\n',
    );
    expect(classifyClickHouseError(refused)).toMatchObject({
      serverCode: '60',
      retriable: false,
    });
    expect([isClickHouseUnavailable(slow), isClickHouseUnavailable(refused)]).toEqual([
      true,
      false,
    ]);
    expect(classifyClickHouseError(slow)).toBe(slow);
  });

  it('wraps a call', async () => {
    await expect(clickHouseCall(() => Promise.resolve(3))).resolves.toBe(3);
    await expect(
      clickHouseCall(() =>
        Promise.reject(new ClickHouseError({ message: 'Unknown table', code: '60' })),
      ),
    ).rejects.toMatchObject({ retriable: false, serverCode: '60' });
  });

  it('tells an unavailable or overloaded server from a wrong statement', () => {
    const unavailable = [
      new ClickHouseError({ message: 'Timeout exceeded: elapsed 30.1 seconds', code: '159' }),
      new ClickHouseError({ message: 'Memory limit exceeded', code: '241' }),
      new ClickHouseError({ message: 'Too many simultaneous queries', code: '202' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:18123'), { code: 'ECONNREFUSED' }),
      new Error('Timeout error.'),
    ];
    const other = [
      new ClickHouseError({ message: 'Unknown table', code: '60' }),
      new ClickHouseError({ message: 'Syntax error', code: '62' }),
      new Error('Timeout error. Retrying'),
      new TypeError('x is undefined'),
      null,
    ];
    expect(unavailable.map(isClickHouseUnavailable)).toEqual(unavailable.map(() => true));
    expect(other.map(isClickHouseUnavailable)).toEqual(other.map(() => false));
  });
});
