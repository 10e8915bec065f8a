import { describe, expect, it } from 'vitest';
import { HECTORM_BASE32_19, HECTORM_CASES } from '@/tests/fixtures/otp/hectorm-cases';
import { invalidBase32Characters, decodeBase32, encodeBase32, OtpUriError } from '@/lib/otp';
import { ascii, fromHex, toHex } from './vectors';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof OtpUriError ? error.code : 'untyped';
  }
  return undefined;
};

describe('base32', () => {
  // RFC 4648 §10, padded as published and unpadded as in GA's Base32StringTest.
  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('decodes and encodes the RFC 4648 vector %j ↔ %s', (plain, encoded) => {
    expect(decodeBase32(encoded)).toEqual(ascii(plain));
    expect(decodeBase32(encoded.replace(/=/g, ''))).toEqual(ascii(plain));
    expect(encodeBase32(ascii(plain))).toBe(encoded.replace(/=/g, ''));
  });

  it('decodes the wiki example key JBSWY3DPEHPK3PXP to "Hello!" DE AD BE EF', () => {
    expect(toHex(decodeBase32('JBSWY3DPEHPK3PXP'))).toBe(toHex(ascii('Hello!')) + 'deadbeef');
  });

  it.each([...HECTORM_CASES, { id: '19', ...HECTORM_BASE32_19 }])(
    'agrees with hectorm/otpauth case $id in both directions',
    ({ base32, hex }) => {
      expect(decodeBase32(base32)).toEqual(fromHex(hex));
      expect(encodeBase32(fromHex(hex))).toBe(base32);
    },
  );

  it.each([
    ['lower case', 'mzxw6ytboi', 'foobar'],
    ['spaces', 'MZXW 6YTB OI', 'foobar'],
    ['hyphens', 'MZXW-6YTB-OI', 'foobar'],
    ['tabs and newlines', 'MZXW6\tYTB\nOI', 'foobar'],
    ['partial padding', 'MZXW6YTBOI==', 'foobar'],
    ['full padding', 'MZXW6YTBOI======', 'foobar'],
    ['GA "AA-AA"', 'AA-AA', '\0\0'],
    ['GA "AA AA"', 'AA AA', '\0\0'],
  ])('tolerates %s', (_name, input, plain) => {
    expect(decodeBase32(input)).toEqual(ascii(plain));
  });

  it.each([
    ['AA', 1],
    ['AAAA', 2],
    ['AAAAA', 3],
    ['AAAAAAA', 4],
  ])('decodes %s to %i bytes, dropping leftover bits like GA', (input, length) => {
    expect(decodeBase32(input)).toHaveLength(length);
  });

  it('ignores the leftover bits of the last character (GA ambiguous decoding)', () => {
    expect(toHex(decodeBase32('7777777777777777'))).toBe('ff'.repeat(10));
    // 18 chars = 2 mod 8, a valid length: '7' (11111) and '4' (11100) differ only in the 2 dropped bits.
    expect(toHex(decodeBase32('777777777777777777'))).toBe('ff'.repeat(11));
    expect(decodeBase32('777777777777777774')).toEqual(decodeBase32('777777777777777777'));
  });

  it.each([
    ['1 char mod 8 (GA would return nothing)', 'A'],
    ['3 chars mod 8 (GA would return 1 byte)', 'AAA'],
    ['6 chars mod 8', 'AAAAAA'],
    ['17 chars (GA testAmbiguousDecoding)', '77777777777777777'],
    ['digit 1', '11'],
    ['digit 1 after a letter', 'A1'],
    ['digit 8', 'AAA8'],
    ['digit 9', 'AAA9'],
    ['digit 0', 'AAA0'],
    ['a comma', 'AAA,'],
    ['a semicolon', 'AAA;'],
    ['a dot', 'AAA.'],
    ['an exclamation mark', 'AAA!'],
    ['padding in the middle', 'MZ=XW6YTBOI'],
    ['padding after a full block', 'MZXW6YTB='],
    ['too much padding', 'MZXW6YTBOI========'],
    ['only padding', '===='],
    ['a non-ASCII letter', 'MZXW6YTBÖI'],
  ])('rejects %s with invalid-base32', (_name, input) => {
    expect(codeOf(() => decodeBase32(input))).toBe('invalid-base32');
  });

  it('blames the characters, not the length, when a key has a wrong character (NOT-A-KEY-1!)', () => {
    expect(() => decodeBase32('NOT-A-KEY-1!')).toThrowError(/only the letters A to Z and the digits 2 to 7/);
  });

  it('names only a length problem for a key of good characters and an impossible length', () => {
    expect(() => decodeBase32('ABCDEFGHI')).toThrowError(/too short or too long/);
  });

  it.each([
    ['NOT-A-KEY-1!', ['1', '!']],
    ['jbsw y3dp-ehpk=', []],
    ['AB08 0C', ['0', '8']],
    ['MZXW6YTBÖI', ['Ö']],
    ['A😀B', ['😀']],
  ])('lists the characters base32 does not allow in %s', (input, expected) => {
    expect(invalidBase32Characters(input)).toEqual(expected);
  });

  it('never puts the input in the error message', () => {
    const secret = 'JBSWY3DPEHPK3PX!';
    expect(() => decodeBase32(secret)).toThrowError(OtpUriError);
    try {
      decodeBase32(secret);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('JBSWY3DP');
    }
  });

  it('throws TypeError for a non-string', () => {
    expect(() => decodeBase32(42 as unknown as string)).toThrowError(TypeError);
  });
});
