/** Owns the device key (a non-extractable AES-GCM key) and the key check value stored beside it. */
import { type RandomBytes, type SecretEnvelope, openEnvelope, purposeAad, sealEnvelope } from './envelope';

/**
 * Source of the data key (DEK) that seals record secrets. Device mode reads the stored
 * non-extractable key; the passphrase mode (later) unwraps a DEK. Records never know which.
 */
export interface KeyProvider {
  getDataKey(): Promise<CryptoKey>;
  /**
   * True when the data key is sealed under a passphrase: device-bound secrets are then sealed
   * like the others (a non-extractable HMAC key would sit on disk, outside the passphrase).
   */
  sealsDeviceBound?(): Promise<boolean>;
}

const KEY_CHECK_AAD = purposeAad('key-check');
/** A fixed, public marker: the check proves the key decrypts what it sealed, nothing more. */
const KEY_CHECK_MARKER = new TextEncoder().encode('tessera key check v1');

/**
 * Non-extractable: JavaScript (ours included) can never read it back. It still sits in the
 * browser profile on disk (Chromium serialises key bytes into IndexedDB), so it does not
 * protect against someone who copies the profile; the passphrase mode is for that.
 */
/** The unlocked data key from its raw bytes (kept in session storage while unlocked), non-extractable again. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export async function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function createKeyCheck(
  key: CryptoKey,
  options: { randomBytes?: RandomBytes } = {},
): Promise<SecretEnvelope> {
  return sealEnvelope(key, KEY_CHECK_MARKER, KEY_CHECK_AAD, options);
}

/**
 * True when `key` is a usable AES-GCM key that opens `check`. Lets the vault tell "the key is
 * unusable" (every record fails) from "this one record is corrupt".
 */
export async function isKeyCheckValid(key: unknown, check: unknown): Promise<boolean> {
  if (!isAesGcmKey(key)) return false;
  try {
    const marker = await openEnvelope(key, check, KEY_CHECK_AAD);
    return equalBytes(marker, KEY_CHECK_MARKER);
  } catch {
    return false;
  }
}

function isAesGcmKey(key: unknown): key is CryptoKey {
  // A CryptoKey that failed to survive storage comes back as a plain object (e.g. `{}`).
  return (
    typeof CryptoKey !== 'undefined' &&
    key instanceof CryptoKey &&
    key.algorithm.name === 'AES-GCM' &&
    key.usages.includes('encrypt') &&
    key.usages.includes('decrypt')
  );
}

/** Constant-time comparison of two byte strings (fingerprints, check markers). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
