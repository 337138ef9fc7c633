-- Retail products (a dimension, latest version wins) and sales (facts, one row per event id),
-- as in 1001_ev.sql. Categories are derived from products. Sales are read per day, per product
-- per day and per category, so the key starts with the day.
CREATE TABLE IF NOT EXISTS retail_products
(
    product_id String,
    name String,
    category String,
    price Nullable(Decimal(18, 4)),
    occurred_at DateTime('UTC'),
    version UInt64,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY product_id;

CREATE TABLE IF NOT EXISTS retail_sales
(
    sale_id String,
    product_id String,
    quantity Int64,
    amount Decimal(18, 4),
    sale_date Date,
    event_id String,
    source_kind String,
    job_id String,
    row_number UInt64,
    ingested_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
ORDER BY (sale_date, product_id, event_id);
