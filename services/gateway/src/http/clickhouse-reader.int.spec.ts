import { stackConfig } from '@tributary/testing';
import { clickHouseConfigSchema } from '@tributary/platform';

/**
 * The stack's ClickHouse user the gateway reads as (CLICKHOUSE_API_USER, profile `api_reader` in
 * deploy/clickhouse/users.xml): it reads and sets its own per-query limits, and can change
 * nothing, nor take more than a million rows in one answer.
 */
describe('the API’s ClickHouse user', () => {
  const { CLICKHOUSE_URL } = stackConfig(clickHouseConfigSchema);
  const user = process.env['CLICKHOUSE_API_USER'] ?? '';
  const password = process.env['CLICKHOUSE_API_PASSWORD'] ?? '';

  const query = async (sql: string, settings = '') => {
    const response = await fetch(`${CLICKHOUSE_URL}/?wait_end_of_query=1${settings}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      body: sql,
    });
    return { status: response.status, text: await response.text() };
  };

  it('is configured in the stack', () => {
    expect(user).toBe('tributary_api');
    expect(password.length).toBeGreaterThanOrEqual(32);
  });

  it('reads, with its own time limit per query', async () => {
    expect(await query('SELECT 1 + 1', '&max_execution_time=5')).toEqual({
      status: 200,
      text: '2\n',
    });
  });

  it.each([
    ['CREATE TABLE default.api_reader_probe (a UInt8) ENGINE = Memory', /readonly/i],
    ['CREATE DATABASE api_reader_probe', /readonly/i],
    ['INSERT INTO system.numbers VALUES (1)', /readonly|cannot/i],
    ['DROP DATABASE IF EXISTS tributary', /readonly/i],
  ])('refuses %s', async (sql, reason) => {
    const reply = await query(sql);
    expect(reply.status).not.toBe(200);
    expect(reply.text).toMatch(reason);
  });

  it('refuses an answer of more than a million rows', async () => {
    const reply = await query('SELECT number FROM system.numbers LIMIT 1000001');
    expect(reply.status).not.toBe(200);
    expect(reply.text).toMatch(/Limit for result exceeded/);
  });
});
