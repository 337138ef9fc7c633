import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit log is also the outbox of the identity events: each row gets the id of its event
 * (kept with the row, so a row published twice is one event) and the time it was published. Rows
 * written before this migration are published too: the topic starts with the whole history.
 */
export class AuditLogOutbox1766000100000 implements MigrationInterface {
  name = 'AuditLogOutbox1766000100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE audit_log ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid()',
    );
    await runner.query('ALTER TABLE audit_log ADD COLUMN published_at timestamptz');
    await runner.query(
      'CREATE INDEX audit_log_unpublished_idx ON audit_log (id) WHERE published_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX audit_log_unpublished_idx');
    await runner.query('ALTER TABLE audit_log DROP COLUMN published_at');
    await runner.query('ALTER TABLE audit_log DROP COLUMN event_id');
  }
}
