/**
 * How the daily and monthly bank rollups are written (migration 1007): recomputed from the
 * deduplicated transactions, never counted as rows arrive. One definition for analytics-projector,
 * which writes them after each insert of transactions, and the gateway's tests, which load
 * transactions without the projector.
 */

/**
 * The statement writing the `banking_daily` rows of every client and day that holds a
 * transaction `where` selects (a condition on `banking_transactions`, e.g. clients and a time
 * range), computed from `banking_transactions FINAL`, as `version`: of two rows of one key,
 * FINAL keeps the higher version, so a later recomputation replaces an earlier one.
 */
export function bankingDailyRecomputation(where: string, version: number): string {
  return `INSERT INTO banking_daily
      (client_id, day, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version)
    SELECT client_id, toDate(transaction_date), currency, transaction_type,
           count(), sum(amount), sum(abs(amount)), ${versionText(version)}
    FROM banking_transactions FINAL
    WHERE ${where}
    GROUP BY client_id, toDate(transaction_date), currency, transaction_type`;
}

/**
 * The statement writing the `banking_monthly` rows of the months `where` selects (a condition on
 * `banking_daily`), summed from their days (`banking_daily FINAL`): recompute the days first.
 */
export function bankingMonthlyRecomputation(where: string, version: number): string {
  return `INSERT INTO banking_monthly
      (client_id, month, currency, transaction_type, transactions, amount_sum, abs_amount_sum, computed_version)
    SELECT client_id, toStartOfMonth(day), currency, transaction_type,
           sum(transactions), sum(amount_sum), sum(abs_amount_sum), ${versionText(version)}
    FROM banking_daily FINAL
    WHERE ${where}
    GROUP BY client_id, toStartOfMonth(day), currency, transaction_type`;
}

function versionText(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`a rollup version is a whole number of 0 or more, got ${version}`);
  }
  return String(version);
}
