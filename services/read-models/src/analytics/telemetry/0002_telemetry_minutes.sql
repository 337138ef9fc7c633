-- Rollups kept as minutes. Until now each flush recomputed every touched sensor's whole hour and
-- whole day from telemetry_readings FINAL, so a reading cost more the fuller its day already was
-- (quadratic over a backfill and over every live day). A minute holds the deduplicated values of
-- one sensor's minute, sorted, recomputed from telemetry_readings FINAL when a flush touches it:
-- that costs what the minute holds, whatever its hour or day holds, and stays exact under
-- duplicates, corrections and replays for the same reason the hourly rows were. Hours and days
-- are merged from their minutes when read (read-models' telemetry-rollups.ts): exact p50/p95
-- need every value of the bucket, and reading 60 or 1,440 sorted arrays per sensor is what that
-- costs at the least, without re-reading readings or merging their versions.
CREATE TABLE IF NOT EXISTS telemetry_minutes
(
    sensor_id String,
    minute DateTime('UTC'),
    reading_count UInt64,
    temperature_values Array(Float64),
    pressure_values Array(Float64),
    humidity_values Array(Float64),
    computed_version UInt64
)
ENGINE = ReplacingMergeTree(computed_version)
PARTITION BY toYYYYMM(minute)
ORDER BY (sensor_id, minute);

-- Which sensors have minutes in which hour, kept by a view as minutes are written, in time
-- order: a page of every sensor's hours or days between two times finds its sensors here by
-- the key, where telemetry_minutes (in sensor order) would be read whole over the time range.
-- Rows repeat until parts merge; read it with DISTINCT.
CREATE TABLE IF NOT EXISTS telemetry_sensor_hours
(
    hour DateTime('UTC'),
    sensor_id String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, sensor_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS telemetry_sensor_hours_mv TO telemetry_sensor_hours AS
SELECT toStartOfHour(minute) AS hour, sensor_id
FROM telemetry_minutes;

-- The readings already stored, as minutes (version 0: any recomputation by the projector wins).
INSERT INTO telemetry_minutes (sensor_id, minute, reading_count, temperature_values, pressure_values, humidity_values, computed_version)
SELECT sensor_id, toStartOfMinute(ts), count(),
       arraySort(groupArray(temperature)), arraySort(groupArray(pressure)), arraySort(groupArray(humidity)),
       0
FROM telemetry_readings FINAL
GROUP BY sensor_id, toStartOfMinute(ts);

-- Their figures are the minutes' now; nothing writes these tables any more.
DROP TABLE IF EXISTS telemetry_hourly;

DROP TABLE IF EXISTS telemetry_daily;
