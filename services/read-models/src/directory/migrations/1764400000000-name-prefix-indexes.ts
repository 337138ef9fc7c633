import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The query API filters bank clients by name and email, and products by name, on a
 * case-insensitive prefix (`lower(col) LIKE lower($1) || '%'`), like EV users: these indexes
 * serve that shape; chargers are filtered by city case-insensitively (`lower(city) = lower($1)`),
 * which the plain city index does not serve. Categories are matched exactly and already indexed.
 */
export class NamePrefixIndexes1764400000000 implements MigrationInterface {
  name = 'NamePrefixIndexes1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX banking_clients_name_idx ON banking_clients (lower(name) text_pattern_ops)',
    );
    await runner.query(
      'CREATE INDEX banking_clients_email_idx ON banking_clients (lower(email) text_pattern_ops)',
    );
    await runner.query(
      'CREATE INDEX retail_products_name_idx ON retail_products (lower(name) text_pattern_ops)',
    );
    await runner.query('CREATE INDEX ev_chargers_lower_city_idx ON ev_chargers (lower(city))');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of [
      'ev_chargers_lower_city_idx',
      'retail_products_name_idx',
      'banking_clients_email_idx',
      'banking_clients_name_idx',
    ])
      await runner.query(`DROP INDEX ${index}`);
  }
}
