import { backoffMs, ContractError, retriableOf, TributaryError } from './errors';

describe('the error model', () => {
  it('carries a code, whether retrying helps, and its cause', () => {
    const cause = new Error('socket hang up');
    const error = new TributaryError('LEDGER.UNAVAILABLE', 'job ledger: socket hang up', {
      retriable: true,
      cause,
    });
    expect(error).toMatchObject({
      name: 'TributaryError',
      code: 'LEDGER.UNAVAILABLE',
      retriable: true,
      message: 'job ledger: socket hang up',
      cause,
    });
    expect(new TributaryError('SQL.INVALID_VALUE', 'bad').retriable).toBe(false);
    expect(new ContractError('CONTRACT.UNDECODABLE', 'x', false)).toBeInstanceOf(TributaryError);
  });

  it('tells retriable, not retriable, and errors that say nothing apart', () => {
    expect(retriableOf(new TributaryError('A.B', 'x', { retriable: true }))).toBe(true);
    expect(retriableOf(new TributaryError('A.B', 'x'))).toBe(false);
    expect(retriableOf(new Error('ECONNRESET'))).toBeUndefined();
    expect(retriableOf(null)).toBeUndefined();
    expect(retriableOf({ retriable: 'yes' })).toBeUndefined();
  });

  it('backs off exponentially to a cap, with jitter between half and all of the wait', () => {
    const delays = { initialMs: 200, maxMs: 30_000 };
    expect([0, 1, 2, 7, 8, 20].map((attempt) => backoffMs(attempt, delays, () => 1))).toEqual([
      200, 400, 800, 25_600, 30_000, 30_000,
    ]);
    expect(backoffMs(3, delays, () => 0)).toBe(800);
  });
});
