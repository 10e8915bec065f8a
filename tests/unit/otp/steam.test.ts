import { describe, expect, it } from 'vitest';
import { decodeBase32, generateSteam } from '@/lib/otp';
import { hmacKey } from './vectors';

// KeePassXC tests/TestTotp.cpp testSteamTotp, from the Steam mobile app with a throw-away account.
const STEAM = [
  [1511200518, 'FR8RV'],
  [1511200714, '9P3VP'],
] as const;
const SECRET = decodeBase32('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');

describe('generateSteam', () => {
  it.each(STEAM)('gives the KeePassXC Steam vector at t=%i: %s', async (seconds, code) => {
    expect(await generateSteam(SECRET, { timestamp: seconds * 1000 })).toBe(code);
  });

  it.each(STEAM)('gives the same code at t=%i from a CryptoKey', async (seconds, code) => {
    expect(await generateSteam(await hmacKey(SECRET, 'SHA1'), { timestamp: seconds * 1000 })).toBe(code);
  });

  it('uses only the 26-character Steam alphabet', async () => {
    for (let t = 0; t < 20; t++) {
      expect(await generateSteam(SECRET, { timestamp: t * 30_000 })).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });
});
