import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp('10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
  });

  it('takes the entry the trusted proxies appended, never one the client wrote', () => {
    // The client forged "6.6.6.6"; the one proxy appended the real address 203.0.113.7.
    expect(clientIp('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    // Two proxies: the outer appended the client, the inner appended the outer.
    expect(clientIp('10.0.0.2', ['6.6.6.6, 203.0.113.7', '10.0.0.1'], 2)).toBe('203.0.113.7');
  });

  it('falls back to the leftmost entry when fewer hops than trusted are present', () => {
    expect(clientIp('10.0.0.2', '203.0.113.7', 3)).toBe('203.0.113.7');
    expect(clientIp('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  });
});
