/**
 * The AIA caIssuers URL comes from an untrusted certificate: the request goes to the address that passed the
 * private-address guard, whatever the path says.
 */
import { describe, expect, it } from 'vitest';
import { requestTarget } from '../../../electron/engine/tls/aia';

describe('requestTarget', () => {
  it.each([
    'http://ca.example//169.254.169.254/latest/meta-data',
    'http://ca.example/..//127.0.0.1/x',
    'http://user:pw@ca.example:8080/issuer.der?x=1#frag',
  ])('keeps %s on the checked address', (raw) => {
    const target = requestTarget(new URL(raw), '192.0.2.7');
    expect(target.hostname).toBe('192.0.2.7');
    expect(target.username).toBe('');
    expect(target.password).toBe('');
    expect(target.hash).toBe('');
    expect(target.pathname).toBe(new URL(raw).pathname);
  });

  it('keeps the port and brackets an IPv6 address', () => {
    const target = requestTarget(new URL('http://ca.example:8080/issuer.der'), '2001:db8::7');
    expect(target.host).toBe('[2001:db8::7]:8080');
  });
});
