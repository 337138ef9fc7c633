import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** API keys for machines: stored as a sha256 of the secret, found by their public id. */
export class CreateApiKeys1764000100000 implements MigrationInterface {
  name = 'CreateApiKeys1764000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'analyst', 'ingest')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX api_keys_account_idx ON api_keys (account_id, created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
  }
}
