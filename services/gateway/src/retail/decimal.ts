/**
 * Prices and amounts are Decimal(18, 4) in ClickHouse and numeric(18, 4) in Postgres. They cross
 * the API as decimal strings with exactly 4 places ("12.5000"): a JSON number would be read as a
 * binary float by most clients, and sums of money must stay exact. The engines print decimals
 * differently (ClickHouse 18.16 keeps trailing zeros, current releases drop them), so their text
 * is normalised here rather than trusted.
 */
export function fourPlaces(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > 4 && /[^0]/.test(fraction.slice(4)))
    throw new Error(`more than 4 decimal places: ${text}`);
  const places = fraction.slice(0, 4).padEnd(4, '0');
  const isZero = /^0+$/.test(whole!) && places === '0000';
  return `${isZero ? '' : sign}${whole!.replace(/^0+(?=\d)/, '')}.${places}`;
}
