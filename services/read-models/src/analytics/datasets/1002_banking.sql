-- Bank clients (a dimension, latest version wins) and transactions (facts, one row per event
-- id), as in 1001_ev.sql. Amounts are Decimal(18, 4): exact, like the events' decimal(18,4).
CREATE TABLE IF NOT EXISTS banking_clients
(
    client_id String,
    name String,
    email Nullable(String),
    country Nullable(String),
    created_at Nullable(DateTime('UTC')),
    occurred_at DateTime('UTC'),
    version UInt64,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY client_id;

-- Date-partitioned by booking month; a client's transactions between two dates are one range
-- of the key. transaction_type is a String, not an Enum: a symbol added to the Avro enum must
-- not make inserts fail.
CREATE TABLE IF NOT EXISTS banking_transactions
(
    transaction_id String,
    client_id String,
    transaction_type String,
    transaction_date DateTime('UTC'),
    amount Decimal(18, 4),
    currency String,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(transaction_date)
ORDER BY (client_id, transaction_date, event_id);
