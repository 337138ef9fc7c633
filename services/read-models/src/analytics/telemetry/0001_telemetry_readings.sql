-- Readings, one row per version of each reading. ReplacingMergeTree keeps the highest version
-- per key at merge time; reads use FINAL, so a correction or a replayed event never shows twice.
-- The key starts with the sensor and time, which every query filters on. A correction keeps the
-- reading's sensor and timestamp (only values change), so it lands on the same key.
-- 18.16 has no DateTime64: milliseconds are kept beside the second-precision timestamp.
CREATE TABLE IF NOT EXISTS telemetry_readings
(
    sensor_id String,
    ts DateTime('UTC'),
    ts_ms UInt16,
    reading_id String,
    version UInt64,
    temperature Nullable(Float64),
    pressure Nullable(Float64),
    humidity Nullable(Float64),
    metric_names Array(String),
    metric_values Array(Float64),
    event_id String,
    source_kind String,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
ORDER BY (sensor_id, ts, reading_id);

-- Hourly and daily rollups, recomputed by the projector from telemetry_readings FINAL for every
-- bucket a batch touched, so they stay exact under corrections and replays. `computed_version`
-- (the projector's clock, ms) makes the newest computation win.
CREATE TABLE IF NOT EXISTS telemetry_hourly
(
    sensor_id String,
    bucket DateTime('UTC'),
    readings UInt64,
    temperature_count UInt64,
    temperature_min Nullable(Float64),
    temperature_max Nullable(Float64),
    temperature_avg Nullable(Float64),
    temperature_p50 Nullable(Float64),
    temperature_p95 Nullable(Float64),
    pressure_count UInt64,
    pressure_min Nullable(Float64),
    pressure_max Nullable(Float64),
    pressure_avg Nullable(Float64),
    pressure_p50 Nullable(Float64),
    pressure_p95 Nullable(Float64),
    humidity_count UInt64,
    humidity_min Nullable(Float64),
    humidity_max Nullable(Float64),
    humidity_avg Nullable(Float64),
    humidity_p50 Nullable(Float64),
    humidity_p95 Nullable(Float64),
    computed_version UInt64
)
ENGINE = ReplacingMergeTree(computed_version)
PARTITION BY toYYYYMM(bucket)
ORDER BY (sensor_id, bucket);

CREATE TABLE IF NOT EXISTS telemetry_daily
(
    sensor_id String,
    bucket Date,
    readings UInt64,
    temperature_count UInt64,
    temperature_min Nullable(Float64),
    temperature_max Nullable(Float64),
    temperature_avg Nullable(Float64),
    temperature_p50 Nullable(Float64),
    temperature_p95 Nullable(Float64),
    pressure_count UInt64,
    pressure_min Nullable(Float64),
    pressure_max Nullable(Float64),
    pressure_avg Nullable(Float64),
    pressure_p50 Nullable(Float64),
    pressure_p95 Nullable(Float64),
    humidity_count UInt64,
    humidity_min Nullable(Float64),
    humidity_max Nullable(Float64),
    humidity_avg Nullable(Float64),
    humidity_p50 Nullable(Float64),
    humidity_p95 Nullable(Float64),
    computed_version UInt64
)
ENGINE = ReplacingMergeTree(computed_version)
PARTITION BY toYYYYMM(bucket)
ORDER BY (sensor_id, bucket);
