-- The daily and monthly bank rollups, recomputed instead of counted. Until now materialized views
-- added every inserted row to them, so the projector had to insert a transaction only when its
-- event id was not stored yet; two group members flushing the same client's transactions at
-- once (a rebalance, one member frozen past its session) could both pass that check and count
-- them twice. Now the projector inserts transactions as they come (banking_transactions keeps
-- one row per event under FINAL) and then writes the rollup rows of every client and day it
-- touched, computed from banking_transactions FINAL, and the months from those days. Writing
-- them again gives the same rows; of two writers, the one that read last (the higher
-- computed_version, the time its statement was issued) read everything the other did, and wins.
-- Read with FINAL, then sum() … GROUP BY over the buckets wanted.
DROP TABLE IF EXISTS banking_daily_mv;

DROP TABLE IF EXISTS banking_monthly_mv;

DROP TABLE IF EXISTS banking_daily;

DROP TABLE IF EXISTS banking_monthly;

CREATE TABLE IF NOT EXISTS banking_daily
(
    client_id String,
    day Date,
    currency String,
    transaction_type String,
    transactions UInt64,
    amount_sum Decimal(38, 4),
    abs_amount_sum Decimal(38, 4),
    computed_version UInt64
)
ENGINE = ReplacingMergeTree(computed_version)
PARTITION BY toYYYYMM(day)
ORDER BY (client_id, day, currency, transaction_type);

-- month is the first day of the month.
CREATE TABLE IF NOT EXISTS banking_monthly
(
    client_id String,
    month Date,
    currency String,
    transaction_type String,
    transactions UInt64,
    amount_sum Decimal(38, 4),
    abs_amount_sum Decimal(38, 4),
    computed_version UInt64
)
ENGINE = ReplacingMergeTree(computed_version)
PARTITION BY toYear(month)
ORDER BY (client_id, month, currency, transaction_type);

-- The transactions already stored, as rollups (version 0: any recomputation by the projector
-- wins). Every transaction, also those stored before 1006's views existed.
INSERT INTO banking_daily
    (client_id, day, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version)
SELECT client_id, toDate(transaction_date), currency, transaction_type, count(), sum(amount), sum(abs(amount)), 0
FROM banking_transactions FINAL
GROUP BY client_id, toDate(transaction_date), currency, transaction_type;

INSERT INTO banking_monthly
    (client_id, month, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version)
SELECT client_id, toStartOfMonth(day), currency, transaction_type, sum(transactions), sum(amount_sum), sum(abs_amount_sum), 0
FROM banking_daily FINAL
GROUP BY client_id, toStartOfMonth(day), currency, transaction_type;
