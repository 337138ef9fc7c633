-- Daily energy usage (facts, one row per event id, as in 1001_ev.sql).
CREATE TABLE IF NOT EXISTS energy_usage
(
    user_id String,
    date Date,
    usage_kwh Float64,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
ORDER BY (user_id, date, event_id);

-- Threshold alerts, in the columns the gateway reads (with FINAL): job_id is the alert's
-- metadata.source.reference ('' when none), raised_at its metadata.ingested_at.
CREATE TABLE IF NOT EXISTS energy_alerts
(
    event_id String,
    user_id String,
    date Date,
    usage_kwh Float64,
    threshold_kwh Float64,
    usage_event_id String,
    job_id String,
    raised_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(raised_at)
ORDER BY (user_id, date, event_id);
