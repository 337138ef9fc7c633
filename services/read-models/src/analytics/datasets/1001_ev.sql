-- EV users, chargers and charging sessions.
--
-- Dimensions (users, chargers) keep one row per entity: ReplacingMergeTree(version) keeps, per
-- ORDER BY key (the entity id), the row of highest version, and reads use FINAL. `version` is
-- metadata.occurred_at in ms × 2^22 + source.row_number, so the latest event wins, and within
-- one file the later row. Every row keeps where it came from: event_id, source_kind, job_id
-- (metadata.source.reference, '' when none), row_number (0 when none), ingested_at.
-- 18.16 has no DateTime64: timestamps are kept to the second (UTC).
CREATE TABLE IF NOT EXISTS ev_users
(
    user_id String,
    first_name String,
    last_name String,
    email Nullable(String),
    phone Nullable(String),
    signup_date Nullable(Date),
    occurred_at DateTime('UTC'),
    version UInt64,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY user_id;

CREATE TABLE IF NOT EXISTS ev_chargers
(
    charger_id String,
    name String,
    city String,
    address Nullable(String),
    latitude Nullable(Float64),
    longitude Nullable(Float64),
    power_kw Nullable(Float64),
    connector_type Nullable(String),
    occurred_at DateTime('UTC'),
    version UInt64,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY charger_id;

-- Facts are deduplicated by event id (the key ends with it): a re-delivered event, or a row of
-- a file ingested again, adds nothing. Should the same event come from two ingest jobs, the
-- later ingestion (ReplacingMergeTree(ingested_at)) is the one kept.
-- Sessions are read per charger over time (usage analytics), so the key starts with the
-- charger; monthly partitions let a date filter skip the rest.
CREATE TABLE IF NOT EXISTS ev_transactions
(
    transaction_id String,
    user_id String,
    charger_id String,
    start_time DateTime('UTC'),
    end_time Nullable(DateTime('UTC')),
    energy_kwh Float64,
    cost Nullable(Decimal(18, 4)),
    currency Nullable(String),
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(start_time)
ORDER BY (charger_id, start_time, event_id);
