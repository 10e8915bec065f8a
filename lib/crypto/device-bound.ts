/** Owns non-extractable HMAC keys for OTP secrets: the stored form of device-bound accounts and the in-memory form of every other one. */
import type { OtpAlgorithm } from '@/lib/otp';

const HASH_BY_ALGORITHM: Record<OtpAlgorithm, 'SHA-1' | 'SHA-256' | 'SHA-512'> = {
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA512: 'SHA-512',
};

/** A fixed, public label; see `otpKeyFingerprint`. */
const FINGERPRINT_LABEL = new TextEncoder().encode('tessera/v1|duplicate-check');

/**
 * Imports an OTP secret as an HMAC key JavaScript can use but never read back. For a
 * device-bound account this key is the only copy of the secret that is kept.
 */
export async function importOtpKey(secret: Uint8Array, algorithm: OtpAlgorithm): Promise<CryptoKey> {
  if (!(secret instanceof Uint8Array)) throw new TypeError('secret must be a Uint8Array');
  if (secret.length === 0) throw new RangeError('secret must not be empty');
  const hash = HASH_BY_ALGORITHM[algorithm];
  if (!hash) throw new RangeError('algorithm must be SHA1, SHA256 or SHA512');
  return crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
}

/** True when `key` is a signing HMAC key for `algorithm` (a stored key that lost its type fails). */
export function isOtpKey(key: unknown, algorithm: OtpAlgorithm): key is CryptoKey {
  if (typeof CryptoKey === 'undefined' || !(key instanceof CryptoKey)) return false;
  const alg = key.algorithm as HmacKeyAlgorithm;
  return alg.name === 'HMAC' && alg.hash?.name === HASH_BY_ALGORITHM[algorithm] && key.usages.includes('sign');
}

/**
 * HMAC of a fixed label: equal for two keys iff (overwhelmingly) their secrets are equal.
 * Lets the vault detect "same secret" for device-bound accounts, whose bytes it cannot read.
 * Only ever compared in memory; never stored (it would be an offline-checkable hash of the secret).
 */
export async function otpKeyFingerprint(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, FINGERPRINT_LABEL));
}
