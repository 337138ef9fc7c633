import { type DataSource } from 'typeorm';
import { ProblemException } from '../http/problem';
import { conditions, holdsNul, likePrefix, queryDirectory } from './directory-sql';

const failingWith = (code: string) =>
  ({
    query: () => Promise.reject(Object.assign(new Error(code), { code })),
  }) as unknown as DataSource;

describe('directory SQL', () => {
  it('binds every value and writes the WHERE clause only with conditions', () => {
    const empty = conditions();
    expect(empty.whereClause()).toBe('');
    const { where, bind, params, prefix, whereClause } = conditions();
    where.push(`id = ${bind("x' OR '1'='1")}`);
    prefix('name', undefined);
    prefix('name', '50%_a\\');
    expect(whereClause()).toBe("WHERE id = $1 AND lower(name) LIKE (lower($2) || '%')");
    expect(params).toEqual(["x' OR '1'='1", '50\\%\\_a\\\\']);
  });

  it('escapes LIKE and finds NUL', () => {
    expect(likePrefix('a%b_c\\')).toBe('a\\%b\\_c\\\\');
    expect(holdsNul([undefined, 'a'])).toBe(false);
    expect(holdsNul([undefined, 'a\u0000'])).toBe(true);
  });

  it.each(['42P01', '3F000'])(
    'answers 503 naming the table when it is missing (%s)',
    async (code) => {
      const failure = queryDirectory(failingWith(code), 'ev_users', 'SELECT 1', []);
      await expect(failure).rejects.toBeInstanceOf(ProblemException);
      await expect(failure).rejects.toMatchObject({
        slug: 'service-unavailable',
        detail: expect.stringContaining('ev_users'),
        headers: { 'Retry-After': '5' },
      });
    },
  );

  it.each(['08006', '57P01', 'ECONNREFUSED'])(
    'answers 503 when Postgres does not (%s)',
    async (code) => {
      await expect(queryDirectory(failingWith(code), 't', 'SELECT 1', [])).rejects.toMatchObject({
        slug: 'service-unavailable',
        detail: 'Postgres did not answer; retry shortly',
        headers: { 'Retry-After': '5' },
      });
    },
  );

  it('lets any other failure through', async () => {
    await expect(queryDirectory(failingWith('22021'), 't', 'SELECT 1', [])).rejects.toThrow(
      '22021',
    );
  });
});
