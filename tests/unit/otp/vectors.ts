/** Small helpers shared by the OTP tests (no expected values live here). */
export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

export const fromHex = (hex: string): Uint8Array =>
  new Uint8Array((hex.match(/../g) ?? []).map((byte) => Number.parseInt(byte, 16)));

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const HASH = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' } as const;

/** A non-extractable HMAC key, as the vault holds them. */
export const hmacKey = (bytes: Uint8Array, algorithm: keyof typeof HASH): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: HASH[algorithm] }, false, ['sign']);

/** RFC 6238 Appendix A seeds: the SHA256/SHA512 rows need the 32- and 64-byte seeds. */
export const RFC_SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
