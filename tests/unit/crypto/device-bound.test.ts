import { describe, expect, it } from 'vitest';
import { importOtpKey, isOtpKey, otpKeyFingerprint } from '@/lib/crypto/device-bound';

const ascii = (text: string) => new TextEncoder().encode(text);
const SEED = ascii('12345678901234567890');

describe('device-bound', () => {
  it('imports a secret as a non-extractable HMAC key that exportKey refuses', async () => {
    const key = await importOtpKey(SEED, 'SHA1');

    expect(key.extractable).toBe(false);
    expect(key.usages).toEqual(['sign']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('signs like the secret: RFC 4226 Appendix D HMAC-SHA1 for count 0', async () => {
    const key = await importOtpKey(SEED, 'SHA1');

    const mac = await crypto.subtle.sign('HMAC', key, new Uint8Array(8));

    expect(Buffer.from(mac).toString('hex')).toBe('cc93cf18508d94934c64b65d8ba7667fb7cde4b0');
  });

  it.each([
    ['SHA1', 'SHA-1'],
    ['SHA256', 'SHA-256'],
    ['SHA512', 'SHA-512'],
  ] as const)('imports %s keys with hash %s', async (algorithm, hash) => {
    const key = await importOtpKey(SEED, algorithm);
    expect((key.algorithm as HmacKeyAlgorithm).hash.name).toBe(hash);
    expect(isOtpKey(key, algorithm)).toBe(true);
  });

  it('tells a key for another hash or a lost key from a usable one', async () => {
    const key = await importOtpKey(SEED, 'SHA1');
    expect(isOtpKey(key, 'SHA256')).toBe(false);
    expect(isOtpKey({}, 'SHA1')).toBe(false);
  });

  it('gives equal fingerprints for equal secrets only', async () => {
    const a = await otpKeyFingerprint(await importOtpKey(SEED, 'SHA1'));
    const b = await otpKeyFingerprint(await importOtpKey(ascii('12345678901234567890'), 'SHA1'));
    const c = await otpKeyFingerprint(await importOtpKey(ascii('12345678901234567891'), 'SHA1'));

    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('refuses an empty secret', async () => {
    await expect(importOtpKey(new Uint8Array(0), 'SHA1')).rejects.toThrow(RangeError);
  });
});
