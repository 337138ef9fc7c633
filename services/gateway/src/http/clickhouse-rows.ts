import { type ClickHouseClient } from '@clickhouse/client';
import { type ch } from '@tributary/platform';

/**
 * Runs a read and returns its rows, 64-bit integers as JSON numbers (counts fit in 2^53 here).
 * Only statements built with the platform's `ch` literals reach it.
 */
export async function selectRows<T>(
  client: ClickHouseClient,
  query: ReturnType<typeof ch.raw>,
): Promise<T[]> {
  const result = await client.query({
    query: query.text,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return result.json<T>();
}
