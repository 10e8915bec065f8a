import { describe, expect, it } from 'vitest';
import { HECTORM_CASES, HECTORM_TIMESTAMP } from '@/tests/fixtures/otp/hectorm-cases';
import { decodeBase32, generateTotp, secondsLeft, timeStep } from '@/lib/otp';
import { hmacKey, RFC_SEEDS } from './vectors';

// RFC 6238 Appendix B (T0 = 0, X = 30, 8 digits): [seconds, T in hex, code, mode].
const RFC6238 = [
  [59, '0000000000000001', '94287082', 'SHA1'],
  [59, '0000000000000001', '46119246', 'SHA256'],
  [59, '0000000000000001', '90693936', 'SHA512'],
  [1111111109, '00000000023523EC', '07081804', 'SHA1'],
  [1111111109, '00000000023523EC', '68084774', 'SHA256'],
  [1111111109, '00000000023523EC', '25091201', 'SHA512'],
  [1111111111, '00000000023523ED', '14050471', 'SHA1'],
  [1111111111, '00000000023523ED', '67062674', 'SHA256'],
  [1111111111, '00000000023523ED', '99943326', 'SHA512'],
  [1234567890, '000000000273EF07', '89005924', 'SHA1'],
  [1234567890, '000000000273EF07', '91819424', 'SHA256'],
  [1234567890, '000000000273EF07', '93441116', 'SHA512'],
  [2000000000, '0000000003F940AA', '69279037', 'SHA1'],
  [2000000000, '0000000003F940AA', '90698825', 'SHA256'],
  [2000000000, '0000000003F940AA', '38618901', 'SHA512'],
  [20000000000, '0000000027BC86AA', '65353130', 'SHA1'],
  [20000000000, '0000000027BC86AA', '77737706', 'SHA256'],
  [20000000000, '0000000027BC86AA', '47863826', 'SHA512'],
] as const;

describe('generateTotp', () => {
  it.each(RFC6238)('gives the RFC 6238 Appendix B code at t=%i (T=%s): %s with %s', async (seconds, t, code, algorithm) => {
    expect(timeStep(seconds * 1000, 30)).toBe(Number.parseInt(t, 16));
    expect(await generateTotp(RFC_SEEDS[algorithm], { algorithm, digits: 8, timestamp: seconds * 1000 })).toBe(code);
  });

  it.each(RFC6238)('gives the same code at t=%i from a non-extractable CryptoKey (%s, %s)', async (seconds, _t, code, algorithm) => {
    const key = await hmacKey(RFC_SEEDS[algorithm], algorithm);
    expect(await generateTotp(key, { algorithm, digits: 8, timestamp: seconds * 1000 })).toBe(code);
  });

  // The pitfall: the RFC's prose says the 20-byte seed for every mode; the published values disagree.
  it.each([
    ['SHA256', 59, '32247374'],
    ['SHA512', 59, '69342147'],
    ['SHA256', 1111111109, '34756375'],
    ['SHA512', 1111111109, '63049338'],
  ] as const)('gives the pitfall value with the 20-byte seed and %s at t=%i: %s', async (algorithm, seconds, code) => {
    expect(await generateTotp(RFC_SEEDS.SHA1, { algorithm, digits: 8, timestamp: seconds * 1000 })).toBe(code);
  });

  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('gives the 6-digit SHA1 form at t=%i: %s (default options)', async (seconds, code) => {
    expect(await generateTotp(RFC_SEEDS.SHA1, { timestamp: seconds * 1000 })).toBe(code);
  });

  it('gives pyotp\'s Google Authenticator vector wrn3pqx5uqxqvnqr @1297553958 → 102705', async () => {
    expect(await generateTotp(decodeBase32('wrn3pqx5uqxqvnqr'), { timestamp: 1297553958_000 })).toBe('102705');
  });

  it.each(HECTORM_CASES)(
    'gives hectorm/otpauth case $id ($algorithm, period $period, $digits digits) at 1451606400000',
    async ({ base32, algorithm, digits, period, totp }) => {
      expect(await generateTotp(decodeBase32(base32), { algorithm, digits, period, timestamp: HECTORM_TIMESTAMP })).toBe(totp);
    },
  );

  it('uses Date.now() when no timestamp is given', async () => {
    const before = await generateTotp(RFC_SEEDS.SHA1, { timestamp: Date.now() });
    const now = await generateTotp(RFC_SEEDS.SHA1);
    const after = await generateTotp(RFC_SEEDS.SHA1, { timestamp: Date.now() });
    expect([before, after]).toContain(now);
  });

  it.each([
    ['period 0', { period: 0 }, /period/],
    ['period NaN', { period: Number.NaN }, /period/],
    ['negative timestamp', { timestamp: -1 }, /timestamp/],
    ['digits 12', { digits: 12 }, /digits/],
  ])('throws a RangeError naming the parameter for %s', async (_name, options, pattern) => {
    await expect(generateTotp(RFC_SEEDS.SHA1, options)).rejects.toThrowError(pattern);
    await expect(generateTotp(RFC_SEEDS.SHA1, options)).rejects.toThrowError(RangeError);
  });
});

describe('timeStep', () => {
  it.each([
    [0, 30, 0],
    [29_999, 30, 0],
    [30_000, 30, 1],
    [1451606400000, 5, 290321280],
    [20000000000_000, 30, 0x27bc86aa],
  ])('maps %i ms with period %i s to step %i', (timestamp, period, step) => {
    expect(timeStep(timestamp, period)).toBe(step);
  });
});

describe('secondsLeft', () => {
  it.each([
    [0, 30, 30],
    [1_000, 30, 29],
    [29_000, 30, 1],
    [29_999, 30, 1],
    [30_000, 30, 30],
    [59_000, 30, 1],
    [61_500, 60, 59],
  ])('at %i ms with period %i s leaves %i s', (timestamp, period, left) => {
    expect(secondsLeft(timestamp, period)).toBe(left);
  });
});
