import { isPostgresUnavailable } from './postgres-errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isPostgresUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['a connection exception (class 08)', withCode('08006', 'connection failure')],
    [
      'the server shutting down',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['too many connections', withCode('53300', 'sorry, too many clients already')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    [
      'no connection within connectionTimeoutMillis',
      new Error('timeout exceeded when trying to connect'),
    ],
    ['no answer within query_timeout', new Error('Query read timeout')],
    [
      "TypeORM's wrapper of one",
      Object.assign(new Error('Query failed'), { driverError: new Error('Query read timeout') }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isPostgresUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['an unknown table', withCode('42P01', 'relation "nope" does not exist')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isPostgresUnavailable(error)).toBe(false);
  });
});
