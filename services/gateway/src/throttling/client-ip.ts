/** DI token of the number of trusted proxies in front of the gateway (`TRUSTED_PROXY_HOPS`). */
export const TRUSTED_PROXY_HOPS = Symbol('TRUSTED_PROXY_HOPS');

/**
 * The client's address when `hops` trusted proxies sit in front of the gateway. Each proxy appends
 * the address it received from to `X-Forwarded-For`, so only the rightmost `hops` entries are
 * trustworthy; anything left of them was written by the client and is ignored.
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const socket = socketAddress ?? 'unknown';
  if (hops === 0 || forwardedFor === undefined) return socket;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  // Fewer entries than trusted hops: the request bypassed a proxy; the leftmost is all we have.
  return chain[chain.length - 1 - hops] ?? chain[0] ?? socket;
}
