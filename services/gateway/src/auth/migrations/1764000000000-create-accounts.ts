import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Accounts and refresh tokens, in the gateway's own schema (first on its search path). */
export class CreateAccounts1764000000000 implements MigrationInterface {
  name = 'CreateAccounts1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'analyst', 'ingest')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The token itself is never stored, only its sha256; a family is every token rotated from
    // one login, revoked together when a used token comes back.
    await runner.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE refresh_tokens');
    await runner.query('DROP TABLE accounts');
  }
}
