import { QueryFailedError } from 'typeorm';
import { classifyPostgresError, pgText, sqlStateOf } from './postgres-errors';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('Postgres errors at the edge', () => {
  it('refuses for good what the rows themselves cause: data exceptions, constraint violations', () => {
    for (const code of ['22021', '22003', '23514', '23502']) {
      const error = classifyPostgresError(pgError(code, 'bad row'), 'writing');
      expect(error).toMatchObject({
        code: 'DIRECTORY.WRITE_REFUSED',
        retriable: false,
        sqlState: code,
        message: `writing: bad row (SQLSTATE ${code})`,
      });
    }
  });

  it('retries outages, deadlocks, a missing table and anything unknown', () => {
    for (const error of [
      pgError('08006', 'connection failure'),
      pgError('40P01', 'deadlock detected'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('42P01', 'relation "directory.ev_users" does not exist'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:15432'),
      new Error('Connection terminated unexpectedly'),
    ])
      expect(classifyPostgresError(error, 'writing')).toMatchObject({
        code: 'DIRECTORY.WRITE_FAILED',
        retriable: true,
      });
  });

  it("reads the SQLSTATE through TypeORM's QueryFailedError", () => {
    const wrapped = new QueryFailedError('INSERT …', [], pgError('23514', 'check violation'));
    expect(sqlStateOf(wrapped)).toBe('23514');
    expect(classifyPostgresError(wrapped, 'writing').retriable).toBe(false);
  });

  it('drops NUL, which Postgres text cannot hold, and leaves everything else as it is', () => {
    expect(pgText('a\u0000b\u0000')).toBe('ab');
    const text = 'quote \' backslash \\ emoji 🚗 {braces} "dq"';
    expect(pgText(text)).toBe(text);
  });
});
