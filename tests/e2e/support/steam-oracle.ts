/**
 * Steam Guard codes for the e2e oracle: RFC 4226 dynamic truncation on Node's own HMAC-SHA1
 * (as in `otp-oracle.ts`), then five characters of Steam's 26-letter alphabet, least
 * significant first. Independent of `lib/otp`; checked against the KeePassXC vector in
 * `vault.spec.ts`.
 */
import { createHmac } from 'node:crypto';

export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The 31-bit integer RFC 4226 §5.3 truncates an HMAC to (before the decimal modulo). */
export function truncatedHotp(secret: Buffer, counter: number, algorithm = 'sha1'): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

export function steam(secret: Buffer, atMs: number): string {
  let value = truncatedHotp(secret, Math.floor(atMs / 1000 / 30));
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** Every Steam code that could legitimately be on screen around `atMs`. */
export function steamWindow(secret: Buffer, atMs: number): string[] {
  return [atMs - 30_000, atMs, atMs + 30_000].map((t) => steam(secret, t));
}
