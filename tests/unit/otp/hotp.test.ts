import { describe, expect, it } from 'vitest';
import { HECTORM_CASES, HECTORM_COUNTER } from '@/tests/fixtures/otp/hectorm-cases';
import { decodeBase32, generateCode, generateHotp } from '@/lib/otp';
import { ascii, hmacKey } from './vectors';

const RFC_SECRET = ascii('12345678901234567890');

// RFC 4226 Appendix D, table 2 (HOTP column).
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
// oath-toolkit liboath/tests/tst_hotp_algo.c, counters 0..19.
const OATH_6 = [...RFC4226, '403154', '481090', '868912', '736127', '229903', '436521', '186581', '447589', '903435', '578337'];
const OATH_7 = '4755224 4287082 7359152 6969429 0338314 8254676 8287922 2162583 3399871 5520489 2403154 3481090 7868912 3736127 5229903 3436521 2186581 4447589 1903435 1578337'.split(' ');
const OATH_8 = '84755224 94287082 37359152 26969429 40338314 68254676 18287922 82162583 73399871 45520489 72403154 43481090 47868912 33736127 35229903 23436521 22186581 94447589 71903435 21578337'.split(' ');

describe('generateHotp', () => {
  it.each(RFC4226.map((code, counter) => [counter, code]))('gives the RFC 4226 Appendix D code at counter %i', async (counter, code) => {
    expect(await generateHotp(RFC_SECRET, counter)).toBe(code);
  });

  it.each([
    ...OATH_6.map((code, counter) => [6, counter, code] as const),
    ...OATH_7.map((code, counter) => [7, counter, code] as const),
    ...OATH_8.map((code, counter) => [8, counter, code] as const),
  ])('gives the oath-toolkit %i-digit code at counter %i', async (digits, counter, code) => {
    expect(await generateHotp(RFC_SECRET, counter, { digits })).toBe(code);
  });

  it.each(HECTORM_CASES)(
    'gives hectorm/otpauth case $id ($algorithm, $digits digits) at counter 1e10, above 2^32',
    async ({ base32, algorithm, digits, hotp }) => {
      expect(await generateHotp(decodeBase32(base32), HECTORM_COUNTER, { algorithm, digits })).toBe(hotp);
    },
  );

  it.each(RFC4226.map((code, counter) => [counter, code]))(
    'gives the same RFC code %i from a non-extractable HMAC CryptoKey',
    async (counter, code) => {
      expect(await generateHotp(await hmacKey(RFC_SECRET, 'SHA1'), counter)).toBe(code);
    },
  );

  it('gives 4 and 10 digit codes as the low digits of the 31-bit value (RFC 4226 table 2: 1284755224)', async () => {
    expect(await generateHotp(RFC_SECRET, 0, { digits: 4 })).toBe('5224');
    expect(await generateHotp(RFC_SECRET, 0, { digits: 10 })).toBe('1284755224');
    expect(await generateHotp(RFC_SECRET, 7, { digits: 10 })).toBe('0082162583');
  });

  it('refuses a CryptoKey imported for another hash', async () => {
    const key = await hmacKey(RFC_SECRET, 'SHA256');
    await expect(generateHotp(key, 0)).rejects.toThrowError(RangeError);
    await expect(generateHotp(key, 0)).rejects.toThrowError(/SHA-256/);
  });

  it('refuses a CryptoKey that is not an HMAC key', async () => {
    const aes = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']);
    await expect(generateHotp(aes, 0)).rejects.toThrowError(RangeError);
  });

  it.each([
    ['counter -1', -1, {}, /counter/],
    ['counter 2^53', 2 ** 53, {}, /counter/],
    ['counter 1.5', 1.5, {}, /counter/],
    ['digits 3', 0, { digits: 3 }, /digits/],
    ['digits 11', 0, { digits: 11 }, /digits/],
    ['digits 6.5', 0, { digits: 6.5 }, /digits/],
    ['algorithm MD5', 0, { algorithm: 'MD5' }, /algorithm/],
  ])('throws a RangeError naming the parameter for %s', async (_name, counter, options, pattern) => {
    await expect(generateHotp(RFC_SECRET, counter, options as never)).rejects.toThrowError(RangeError);
    await expect(generateHotp(RFC_SECRET, counter, options as never)).rejects.toThrowError(pattern);
  });

  it('accepts the largest safe counter', async () => {
    expect(await generateHotp(RFC_SECRET, Number.MAX_SAFE_INTEGER)).toMatch(/^\d{6}$/);
  });

  it('rejects an empty key and a key of the wrong type', async () => {
    await expect(generateHotp(new Uint8Array(0), 0)).rejects.toThrowError(RangeError);
    await expect(generateHotp('secret' as never, 0)).rejects.toThrowError(TypeError);
  });
});

describe('generateCode', () => {
  it('gives HOTP(counter) for hotp: the stored counter is the next one to use', async () => {
    const params = { kind: 'hotp', algorithm: 'SHA1', digits: 6, counter: 1 } as const;
    expect(await generateCode(RFC_SECRET, params)).toBe('287082');
  });

  it('dispatches totp and steam on the timestamp', async () => {
    const totp = { kind: 'totp', algorithm: 'SHA1', digits: 8, period: 30 } as const;
    expect(await generateCode(RFC_SECRET, totp, 59_000)).toBe('94287082');
    const steam = { kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30 } as const;
    expect(await generateCode(decodeBase32('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'), steam, 1511200518_000)).toBe('FR8RV');
  });

  it('rejects an hotp account without counter and an unknown kind', async () => {
    await expect(generateCode(RFC_SECRET, { kind: 'hotp', algorithm: 'SHA1', digits: 6 })).rejects.toThrowError(RangeError);
    await expect(generateCode(RFC_SECRET, { kind: 'yaotp' as never, algorithm: 'SHA1', digits: 6 })).rejects.toThrowError(RangeError);
  });
});
