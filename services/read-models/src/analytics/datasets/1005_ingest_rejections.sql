-- Rows of files that could not become events, for the quality report (rejections per dataset,
-- grouped by reason). One row per rejection event id: the same row of the same file rejected
-- again (a re-delivery, a re-ingest) adds nothing; the later rejection is the one kept.
-- rejected_at is the event's metadata.ingested_at.
CREATE TABLE IF NOT EXISTS ingest_rejections
(
    event_id String,
    job_id String,
    dataset String,
    object_key String,
    row_number UInt64,
    reasons Array(String),
    raw String,
    rejected_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(rejected_at)
ORDER BY (dataset, event_id);
