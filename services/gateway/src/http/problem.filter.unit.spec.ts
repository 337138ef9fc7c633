import { ClickHouseError } from '@clickhouse/client';
import { type FastifyRequest } from 'fastify';
import { renderProblem } from './problem.filter';

const request = { url: '/v1/quality/telemetry.readings', id: 'c0ffee' } as FastifyRequest;

describe('renderProblem', () => {
  it('answers 503 with Retry-After when the analytics store is too slow or unreachable', () => {
    for (const error of [
      new Error('Timeout error.'),
      new ClickHouseError({ message: 'Timeout exceeded: elapsed 30.1 seconds', code: '159' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }),
    ]) {
      const problem = renderProblem(error, request);
      expect({ status: problem.status, headers: problem.headers, type: problem.body.type }).toEqual(
        { status: 503, headers: { 'Retry-After': '5' }, type: '/problems/service-unavailable' },
      );
      expect(problem.body.detail).toMatch(/narrow the query/);
    }
  });

  it('answers 503 naming the fix when an answer passes the API user’s result limits', () => {
    for (const error of [
      // 18.16's words (platform's clickhouse.int.spec reads them from the API user).
      new Error(
        'Code: 396, e.displayText() = DB::Exception: Limit for result exceeded, max rows: 1.00 million, current rows: 1.00 million, e.what() = DB::Exception',
      ),
      new ClickHouseError({
        message: 'Limit for result exceeded, max bytes: 1.00 GB',
        code: '396',
      }),
      new ClickHouseError({ message: 'Limit for rows exceeded', code: '158' }),
    ]) {
      const problem = renderProblem(error, request);
      expect({ status: problem.status, headers: problem.headers, body: problem.body }).toEqual({
        status: 503,
        headers: {},
        body: expect.objectContaining({
          type: '/problems/service-unavailable',
          status: 503,
          detail:
            'the answer would be larger than the analytics store gives one query; narrow the query (a shorter range, one id, a smaller page)',
        }),
      });
    }
  });

  it('answers 503 with Retry-After when the accounts and jobs store is away or silent', () => {
    for (const error of [
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Query failed'), { driverError: new Error('Query read timeout') }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ]) {
      const problem = renderProblem(error, request);
      expect({ status: problem.status, headers: problem.headers, type: problem.body.type }).toEqual(
        { status: 503, headers: { 'Retry-After': '5' }, type: '/problems/service-unavailable' },
      );
      expect(problem.body.detail).toMatch(/^the accounts and jobs store/);
    }
  });

  it('keeps anything else a 500 that reveals nothing', () => {
    const problem = renderProblem(
      new ClickHouseError({ message: 'Unknown table expenses', code: '60' }),
      request,
    );
    expect(problem.status).toBe(500);
    expect(problem.body.detail).toBe('the gateway failed unexpectedly');
  });
});
