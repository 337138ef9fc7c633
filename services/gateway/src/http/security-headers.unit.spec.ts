import { API_CSP, DOCS_CSP, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  const common = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };

  it('locks API answers down and leaves the console its own CSP', () => {
    expect(securityHeaders('/v1/sensors/readings', { hstsMaxAgeS: 0 })).toEqual({
      ...common,
      'content-security-policy': API_CSP,
    });
    expect(securityHeaders('/docs', { hstsMaxAgeS: 0 })['content-security-policy']).toBe(DOCS_CSP);
    expect(securityHeaders('/console/index.html', { hstsMaxAgeS: 0 })).toEqual(common);
    expect(securityHeaders('/consoles', { hstsMaxAgeS: 0 })['content-security-policy']).toBe(
      API_CSP,
    );
  });

  it('sends HSTS only when configured (TLS in front)', () => {
    expect(securityHeaders('/v1', { hstsMaxAgeS: 31_536_000 })).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    expect(securityHeaders('/v1', { hstsMaxAgeS: 0 })).not.toHaveProperty(
      'strict-transport-security',
    );
  });
});
