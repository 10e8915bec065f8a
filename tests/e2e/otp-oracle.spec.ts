import { expect, test } from '@playwright/test';
import { base32ToBytes, hotp, totp } from './support/otp-oracle';

// The oracle that the other specs compare the extension against must itself be right.
test.describe('test oracle', () => {
  const rfcSecret = Buffer.from('12345678901234567890');

  test('matches RFC 4226 Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter))).toEqual(expected);
  });

  test('matches RFC 6238 Appendix B (SHA1, 8 digits)', () => {
    expect(totp(rfcSecret, 59_000, { digits: 8 })).toBe('94287082');
    expect(totp(rfcSecret, 1111111109_000, { digits: 8 })).toBe('07081804');
    expect(totp(rfcSecret, 20000000000_000, { digits: 8 })).toBe('65353130');
  });

  test('decodes base32 (RFC 4648)', () => {
    expect(base32ToBytes('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(rfcSecret);
    expect(base32ToBytes('mzxw6ytboi').toString()).toBe('foobar');
  });
});
