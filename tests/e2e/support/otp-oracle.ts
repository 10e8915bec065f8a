/**
 * An independent RFC 4226 / RFC 6238 implementation on Node's own HMAC, used as the
 * oracle in end-to-end tests so expected codes never come from the code under test.
 * It is itself checked against the RFC tables in `otp-oracle.spec.ts`.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32ToBytes(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(secret: Buffer, counter: number, digits = 6, algorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(secret: Buffer, atMs: number, { digits = 6, period = 30, algorithm = 'sha1' } = {}): string {
  return hotp(secret, Math.floor(atMs / 1000 / period), digits, algorithm);
}

/** Every code that could legitimately be on screen around `atMs` (clock edges in a test). */
export function totpWindow(secret: Buffer, atMs: number, options: { digits?: number; period?: number } = {}): string[] {
  const period = (options.period ?? 30) * 1000;
  return [atMs - period, atMs, atMs + period].map((t) => totp(secret, t, options));
}
