-- The id a reading's client gave it (its idempotency key on the sensor), shown in reads beside the
-- server's id; null for readings without one (and every reading projected before this column).
-- Last, so rows written by a projector that does not know it yet still line up. 18.16 has no
-- ADD COLUMN IF NOT EXISTS: the migration runner skips this when the column exists.
ALTER TABLE telemetry_readings ADD COLUMN client_id Nullable(String);
