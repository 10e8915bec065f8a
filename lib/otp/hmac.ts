/** HMAC over WebCrypto for the OTP generators: key import, hash checks and RFC 4226 dynamic truncation. */
import { OTP_ALGORITHMS } from './defaults';
import type { OtpAlgorithm } from './types';

const HASH_NAMES: Record<OtpAlgorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

export type OtpKey = Uint8Array | CryptoKey;

export function assertAlgorithm(algorithm: unknown): asserts algorithm is OtpAlgorithm {
  if (!(OTP_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
    throw new RangeError('algorithm must be one of SHA1, SHA256, SHA512');
  }
}

export function assertDigits(digits: unknown, min = 4, max = 10): asserts digits is number {
  if (!Number.isInteger(digits) || (digits as number) < min || (digits as number) > max) {
    throw new RangeError(`digits must be an integer from ${min} to ${max}`);
  }
}

export function assertCounter(counter: unknown): asserts counter is number {
  if (!Number.isSafeInteger(counter) || (counter as number) < 0) {
    throw new RangeError('counter must be an integer from 0 to 2^53 - 1');
  }
}

function isCryptoKey(key: unknown): key is CryptoKey {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) return true;
  // Keys from another realm (a test harness, a worker) fail `instanceof`; their shape does not lie.
  return typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key && 'type' in key;
}

/** Imports raw key bytes per call: caching by array identity would outlive mutation of the array. */
async function toCryptoKey(key: OtpKey, algorithm: OtpAlgorithm): Promise<CryptoKey> {
  if (key instanceof Uint8Array) {
    if (key.length === 0) throw new RangeError('key must not be empty');
    return globalThis.crypto.subtle.importKey(
      'raw',
      key as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: HASH_NAMES[algorithm] },
      false,
      ['sign'],
    );
  }
  if (!isCryptoKey(key)) throw new TypeError('key must be a Uint8Array or an HMAC CryptoKey');
  const keyAlgorithm = key.algorithm as Partial<HmacKeyAlgorithm>;
  if (keyAlgorithm.name !== 'HMAC' || !key.usages.includes('sign')) {
    throw new RangeError('key must be an HMAC CryptoKey usable for sign');
  }
  if (keyAlgorithm.hash?.name !== HASH_NAMES[algorithm]) {
    throw new RangeError(`key was imported for ${keyAlgorithm.hash?.name ?? 'another hash'}, not ${HASH_NAMES[algorithm]}`);
  }
  return key;
}

/** The counter as a full 8-byte big-endian value, split in two 32-bit halves (no 2^32 overflow). */
export function counterBytes(counter: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  return bytes;
}

/** HMAC(key, counter) truncated per RFC 4226 §5.3 to a 31-bit integer (offset from the MAC's last byte). */
export async function truncatedHmac(key: OtpKey, counter: number, algorithm: OtpAlgorithm): Promise<number> {
  const cryptoKey = await toCryptoKey(key, algorithm);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, counterBytes(counter)));
  const offset = mac[mac.length - 1]! & 0x0f;
  return (
    (((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!) >>> 0
  );
}
