import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit log: sign-ins and their failures, logouts, key issue and revocation, role changes,
 * disabled accounts. Append-only; no foreign keys, so the record of an account outlives it.
 */
export class CreateAuditLog1765000100000 implements MigrationInterface {
  name = 'CreateAuditLog1765000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_account_id uuid,
        actor_api_key_id uuid,
        subject_account_id uuid,
        email text,
        client_ip text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query('CREATE INDEX audit_log_at_idx ON audit_log (at)');
    await runner.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, id)');
    await runner.query('CREATE INDEX audit_log_subject_idx ON audit_log (subject_account_id, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
  }
}
