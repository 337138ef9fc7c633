-- Daily and monthly totals of bank transactions, per client, currency and transaction type,
-- kept by materialized views as transactions are inserted. A view adds every row it is given,
-- so the projector inserts only transactions whose event ids banking_transactions does not hold
-- yet (datasets.clickhouse-store.ts): a re-delivered or re-ingested event adds nothing here.
-- SummingMergeTree folds rows of one key together only when parts merge: read with sum() and
-- GROUP BY, never row by row. Columns are not named like banking_transactions' (amount) because
-- 18.16 would read an alias of the view's SELECT in place of the column inside sum().
-- The views see transactions inserted after this migration; a database that held transactions
-- before it is rebuilt by replaying the topics (README).
CREATE TABLE IF NOT EXISTS banking_daily
(
    client_id String,
    day Date,
    currency String,
    transaction_type String,
    transactions UInt64,
    amount_sum Decimal(38, 4),
    abs_amount_sum Decimal(38, 4)
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (client_id, day, currency, transaction_type);

CREATE MATERIALIZED VIEW IF NOT EXISTS banking_daily_mv TO banking_daily AS
SELECT
    client_id,
    toDate(transaction_date) AS day,
    currency,
    transaction_type,
    count() AS transactions,
    sum(amount) AS amount_sum,
    sum(abs(amount)) AS abs_amount_sum
FROM banking_transactions
GROUP BY client_id, day, currency, transaction_type;

-- month is the first day of the month.
CREATE TABLE IF NOT EXISTS banking_monthly
(
    client_id String,
    month Date,
    currency String,
    transaction_type String,
    transactions UInt64,
    amount_sum Decimal(38, 4),
    abs_amount_sum Decimal(38, 4)
)
ENGINE = SummingMergeTree
PARTITION BY toYear(month)
ORDER BY (client_id, month, currency, transaction_type);

CREATE MATERIALIZED VIEW IF NOT EXISTS banking_monthly_mv TO banking_monthly AS
SELECT
    client_id,
    toStartOfMonth(transaction_date) AS month,
    currency,
    transaction_type,
    count() AS transactions,
    sum(amount) AS amount_sum,
    sum(abs(amount)) AS abs_amount_sum
FROM banking_transactions
GROUP BY client_id, month, currency, transaction_type;
