import { chdbClient, type ChdbClient } from '@tributary/testing';
import { apiReaderStatements } from './api-reader';

/**
 * The local stack's 18.16 has no SQL users, so the statements that make the API user in compose
 * and Kubernetes run only on a current ClickHouse. chDB is one, but its user may not manage
 * access: each statement must get that far — parsed and analysed, refused only for want of the
 * privilege (ACCESS_DENIED 497) or, for the grant, the user it could not create (UNKNOWN_USER
 * 511), never as a syntax error (62) or an unknown setting (115).
 */
describe('the API user’s statements on current ClickHouse (chDB)', () => {
  let chdb: ChdbClient;
  beforeAll(async () => {
    chdb = await chdbClient();
  });
  afterAll(() => chdb.close());

  it('are valid SQL that only a lack of privileges stops', async () => {
    const statements = apiReaderStatements({
      user: 'tributary_api',
      password: "pass'word\\with quotes",
      database: 'tributary',
    });
    expect(statements[0]).toBe(
      "CREATE SETTINGS PROFILE IF NOT EXISTS `api_reader` SETTINGS readonly = 2, max_execution_time = 60, max_result_rows = 1000000, max_result_bytes = 1000000000, result_overflow_mode = 'throw', max_memory_usage = 2000000000",
    );
    const outcomes = [];
    for (const query of statements) {
      const error = await chdb.command({ query }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      outcomes.push(/Code: (\d+)/.exec(error?.message ?? '')?.[1] ?? 'ran');
    }
    // The grant names the user chDB could not create: UNKNOWN_USER (511), after parsing.
    expect(outcomes).toEqual(['497', '497', '497', '497', '511']);
  });
});
