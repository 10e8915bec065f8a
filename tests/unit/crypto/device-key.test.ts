import { describe, expect, it } from 'vitest';
import { createKeyCheck, generateDeviceKey, isKeyCheckValid } from '@/lib/crypto/device-key';

describe('device-key', () => {
  it('generates a non-extractable AES-GCM 256 key that exportKey refuses', async () => {
    const key = await generateDeviceKey();

    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
  });

  it('accepts the key check of its own key', async () => {
    const key = await generateDeviceKey();
    expect(await isKeyCheckValid(key, await createKeyCheck(key))).toBe(true);
  });

  it('rejects the key check with another key, a lost key and a tampered check', async () => {
    const key = await generateDeviceKey();
    const check = await createKeyCheck(key);
    const tampered = { ...check, ct: check.ct.map((b, i) => (i === 3 ? b ^ 0x80 : b)) };

    expect(await isKeyCheckValid(await generateDeviceKey(), check)).toBe(false);
    // What a CryptoKey becomes when a storage layer cannot clone it.
    expect(await isKeyCheckValid({}, check)).toBe(false);
    expect(await isKeyCheckValid(key, tampered)).toBe(false);
    expect(await isKeyCheckValid(key, undefined)).toBe(false);
  });
});
