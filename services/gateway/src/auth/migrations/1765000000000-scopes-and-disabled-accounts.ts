import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The steward role (reads personal data), disabled accounts, and API keys with scopes and an
 * optional dataset list. Existing keys keep what their role granted (`ROLE_SCOPES` as of this
 * migration), so nothing that worked stops working.
 */
export class ScopesAndDisabledAccounts1765000000000 implements MigrationInterface {
  name = 'ScopesAndDisabledAccounts1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of ['accounts', 'api_keys']) {
      await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_role_check`);
      await runner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_role_check
           CHECK (role IN ('admin', 'steward', 'analyst', 'ingest'))`,
      );
    }
    await runner.query('ALTER TABLE accounts ADD COLUMN disabled_at timestamptz');
    await runner.query(`ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{}'`);
    await runner.query('ALTER TABLE api_keys ADD COLUMN datasets text[]');
    await runner.query(`
      UPDATE api_keys SET scopes = CASE role
        WHEN 'ingest' THEN ARRAY['ingest:sensors', 'ingest:files']
        WHEN 'analyst' THEN ARRAY['read:sensors', 'read:ev', 'read:banking', 'read:energy',
                                  'read:retail', 'read:quality']
        ELSE ARRAY['ingest:sensors', 'ingest:files', 'read:sensors', 'read:ev', 'read:banking',
                   'read:energy', 'read:retail', 'read:quality', 'read:personal', 'read:all-jobs']
      END`);
    await runner.query('ALTER TABLE api_keys ALTER COLUMN scopes DROP DEFAULT');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE api_keys DROP COLUMN datasets');
    await runner.query('ALTER TABLE api_keys DROP COLUMN scopes');
    await runner.query('ALTER TABLE accounts DROP COLUMN disabled_at');
    for (const table of ['accounts', 'api_keys']) {
      await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_role_check`);
      await runner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_role_check
           CHECK (role IN ('admin', 'analyst', 'ingest'))`,
      );
    }
  }
}
