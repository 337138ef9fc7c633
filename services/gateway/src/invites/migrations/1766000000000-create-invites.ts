import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Invites to register (REGISTRATION=invite-only): the role the invitee gets, when the invite
 * expires, and the sha256 of its token (the token itself is shown once and never stored). No
 * foreign keys, as in the audit log: an invite's record outlives the accounts it names.
 */
export class CreateInvites1766000000000 implements MigrationInterface {
  name = 'CreateInvites1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invites (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('admin', 'steward', 'analyst', 'ingest')),
        note text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by uuid,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX invites_created_idx ON invites (created_at, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE invites');
  }
}
