import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The directory: ingest jobs, their rejected rows, and the entities looked up by id. */
export class CreateDirectory1764200000000 implements MigrationInterface {
  name = 'CreateDirectory1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ingest_jobs (
        job_id uuid PRIMARY KEY,
        dataset text NOT NULL,
        dataset_detected boolean NOT NULL DEFAULT false,
        status text NOT NULL
          CHECK (status IN ('queued', 'running', 'succeeded', 'partially_failed', 'failed', 'duplicate')),
        source text, file_name text, object_key text, checksum_sha256 text, size_bytes bigint,
        format text, submitted_by text, duplicate_of uuid,
        rows_read bigint NOT NULL DEFAULT 0,
        rows_accepted bigint NOT NULL DEFAULT 0,
        rows_rejected bigint NOT NULL DEFAULT 0,
        queued_at timestamptz, started_at timestamptz, finished_at timestamptz,
        error text,
        updated_at timestamptz NOT NULL
      )`);
    // The gateway lists jobs newest first, optionally by dataset, status or submitter.
    await runner.query(
      'CREATE INDEX ingest_jobs_queued_idx ON ingest_jobs (queued_at DESC, job_id DESC)',
    );
    await runner.query(
      'CREATE INDEX ingest_jobs_dataset_idx ON ingest_jobs (dataset, queued_at DESC)',
    );
    await runner.query(
      'CREATE INDEX ingest_jobs_status_idx ON ingest_jobs (status, queued_at DESC)',
    );
    await runner.query(
      'CREATE INDEX ingest_jobs_submitter_idx ON ingest_jobs (submitted_by, queued_at DESC)',
    );
    await runner.query(`
      CREATE TABLE ingest_rejections (
        job_id uuid NOT NULL,
        row_number bigint NOT NULL,
        dataset text NOT NULL,
        object_key text NOT NULL,
        raw text NOT NULL,
        reasons text[] NOT NULL,
        event_id uuid NOT NULL,
        rejected_at timestamptz NOT NULL,
        PRIMARY KEY (job_id, row_number)
      )`);
    const provenance =
      'event_id uuid NOT NULL, updated_at timestamptz NOT NULL, row_number bigint NOT NULL';
    await runner.query(`
      CREATE TABLE ev_users (
        user_id text PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
        email text, phone text, signup_date date, ${provenance}
      )`);
    await runner.query(`
      CREATE TABLE ev_chargers (
        charger_id text PRIMARY KEY, name text NOT NULL, city text NOT NULL, address text,
        latitude double precision, longitude double precision, power_kw double precision,
        connector_type text, ${provenance}
      )`);
    await runner.query(`
      CREATE TABLE banking_clients (
        client_id text PRIMARY KEY, name text NOT NULL, email text, country text,
        created_at timestamptz, ${provenance}
      )`);
    await runner.query(`
      CREATE TABLE retail_products (
        product_id text PRIMARY KEY, name text NOT NULL, category text NOT NULL,
        price numeric(18, 4), ${provenance}
      )`);
    // Lookups the query API makes: names and emails by prefix, case-insensitively; by city, category.
    await runner.query(
      'CREATE INDEX ev_users_email_idx ON ev_users (lower(email) text_pattern_ops)',
    );
    await runner.query(
      'CREATE INDEX ev_users_last_name_idx ON ev_users (lower(last_name) text_pattern_ops)',
    );
    await runner.query('CREATE INDEX ev_chargers_city_idx ON ev_chargers (city)');
    await runner.query('CREATE INDEX retail_products_category_idx ON retail_products (category)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'retail_products',
      'banking_clients',
      'ev_chargers',
      'ev_users',
      'ingest_rejections',
      'ingest_jobs',
    ])
      await runner.query(`DROP TABLE ${table}`);
  }
}
