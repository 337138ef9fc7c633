import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * EV users are also looked up by first name (case-insensitive, by prefix), like last name.
 * Applied migrations are never edited: a change to the schema is a new migration.
 */
export class EvUsersFirstNameIndex1764300000000 implements MigrationInterface {
  name = 'EvUsersFirstNameIndex1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX ev_users_first_name_idx ON ev_users (lower(first_name) text_pattern_ops)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ev_users_first_name_idx');
  }
}
