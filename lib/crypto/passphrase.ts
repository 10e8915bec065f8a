/**
 * Owns passphrase-based encryption: PBKDF2-SHA256 key derivation and the versioned, JSON-safe
 * envelope that `.tessera` backups (and later the passphrase lock) are sealed in. WebCrypto only.
 */
import { TesseraError } from '@/lib/errors';

export const PBKDF2_MIN_ITERATIONS = 600_000;
export const PBKDF2_DEFAULT_ITERATIONS = 600_000;
/** Above this, opening would freeze the page for minutes: a hostile file, not a careful user. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
export const PASSPHRASE_SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PassphraseKdf = { name: 'PBKDF2-SHA256'; iterations: number; salt: Uint8Array };

/** What is written to disk or into a file: every binary field is standard base64 with padding. */
export type PassphraseEnvelope = {
  v: 1;
  kdf: { name: 'PBKDF2-SHA256'; iterations: number; salt: string };
  alg: 'A256GCM';
  iv: string;
  ct: string;
};

export type PassphraseErrorCode =
  /** The envelope is well formed but GCM rejects it: a wrong passphrase, or bytes changed after sealing. */
  | 'wrong-passphrase'
  /** Not shaped like an envelope: missing fields, wrong types, bad base64, wrong lengths. */
  | 'corrupt-envelope'
  /** Shaped like one, but a version, algorithm or KDF setting this build refuses. */
  | 'unsupported-envelope';

export class PassphraseError extends TesseraError {
  declare readonly code: PassphraseErrorCode;
  constructor(code: PassphraseErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export type SealOptions = {
  /** Defaults to 600,000; values below that floor are refused. */
  iterations?: number;
  randomBytes?: (length: number) => Uint8Array;
  /** Binds the ciphertext to a purpose (a backup file, a wrapped data key) so one cannot pass as the other. */
  aad?: Uint8Array;
};

/** GCM gives one answer for a wrong key and for altered bytes, so the message names both. */
const WRONG_PASSPHRASE_MESSAGE =
  'The passphrase is wrong, or the encrypted data was damaged or altered after it was written.';

export async function deriveKey(passphrase: string, kdf: PassphraseKdf): Promise<CryptoKey> {
  const secret = passphraseBytes(passphrase);
  if (typeof kdf !== 'object' || kdf === null) throw new TypeError('kdf must be an object');
  if (kdf.name !== 'PBKDF2-SHA256') throw new RangeError('kdf.name must be PBKDF2-SHA256');
  assertIterations(kdf.iterations);
  if (!(kdf.salt instanceof Uint8Array)) throw new TypeError('kdf.salt must be a Uint8Array');
  if (kdf.salt.length < PASSPHRASE_SALT_BYTES || kdf.salt.length > MAX_SALT_BYTES) {
    throw new RangeError(`kdf.salt must be ${PASSPHRASE_SALT_BYTES} to ${MAX_SALT_BYTES} bytes`);
  }
  const material = await crypto.subtle.importKey('raw', buffer(secret), 'PBKDF2', false, ['deriveKey']);
  secret.fill(0);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: buffer(kdf.salt), iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealWithPassphrase(
  plaintext: Uint8Array,
  passphrase: string,
  options: SealOptions = {},
): Promise<PassphraseEnvelope> {
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array');
  const iterations = options.iterations ?? PBKDF2_DEFAULT_ITERATIONS;
  const randomBytes = options.randomBytes ?? ((length: number) => crypto.getRandomValues(new Uint8Array(length)));
  const salt = randomBytes(PASSPHRASE_SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  if (!(salt instanceof Uint8Array) || salt.length !== PASSPHRASE_SALT_BYTES || !(iv instanceof Uint8Array) || iv.length !== IV_BYTES) {
    throw new RangeError('randomBytes must return a Uint8Array of the requested length');
  }
  const key = await deriveKey(passphrase, { name: 'PBKDF2-SHA256', iterations, salt });
  const ct = await crypto.subtle.encrypt(gcmParams(iv, options.aad), key, buffer(plaintext));
  return {
    v: 1,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: encodeBase64(salt) },
    alg: 'A256GCM',
    iv: encodeBase64(iv),
    ct: encodeBase64(new Uint8Array(ct)),
  };
}

/**
 * Opens an envelope. The structure is checked before any key is derived, so a newer format or
 * garbage is never reported as a wrong passphrase (and a hostile iteration count costs nothing).
 */
export async function openWithPassphrase(
  envelope: unknown,
  passphrase: string,
  options: { aad?: Uint8Array } = {},
): Promise<Uint8Array> {
  const parsed = parsePassphraseEnvelope(envelope);
  const key = await deriveKey(passphrase, parsed.kdf);
  try {
    const plain = await crypto.subtle.decrypt(gcmParams(parsed.iv, options.aad), key, buffer(parsed.ct));
    return new Uint8Array(plain);
  } catch (cause) {
    throw new PassphraseError('wrong-passphrase', WRONG_PASSPHRASE_MESSAGE, { cause });
  }
}

/** Validates an untrusted envelope and decodes its binary fields; throws `corrupt-` or `unsupported-envelope`. */
export function parsePassphraseEnvelope(value: unknown): {
  kdf: PassphraseKdf;
  iv: Uint8Array;
  ct: Uint8Array;
} {
  if (!isRecord(value)) throw corrupt('The encrypted data is not an envelope.');
  const { v, kdf, alg, iv, ct } = value;
  if (typeof v !== 'number') throw corrupt('The envelope has no version.');
  if (v !== 1) throw unsupported('The envelope was written by a newer version of Tessera.');
  if (typeof alg !== 'string') throw corrupt('The envelope names no cipher.');
  if (alg !== 'A256GCM') throw unsupported('The envelope uses a cipher this version does not know.');
  if (!isRecord(kdf) || typeof kdf.name !== 'string') throw corrupt('The envelope has no key-derivation settings.');
  if (kdf.name !== 'PBKDF2-SHA256') throw unsupported('The envelope uses a key derivation this version does not know.');
  const { iterations } = kdf;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1) {
    throw corrupt('The envelope has an invalid iteration count.');
  }
  if (iterations < PBKDF2_MIN_ITERATIONS) {
    throw unsupported(`The envelope uses fewer than ${PBKDF2_MIN_ITERATIONS} PBKDF2 iterations; Tessera refuses weak settings.`);
  }
  if (iterations > PBKDF2_MAX_ITERATIONS) {
    throw unsupported(`The envelope asks for more than ${PBKDF2_MAX_ITERATIONS} PBKDF2 iterations; Tessera refuses it.`);
  }
  const salt = decodeField(kdf.salt, 'salt');
  if (salt.length < PASSPHRASE_SALT_BYTES || salt.length > MAX_SALT_BYTES) throw corrupt('The envelope salt has the wrong length.');
  const ivBytes = decodeField(iv, 'IV');
  if (ivBytes.length !== IV_BYTES) throw corrupt('The envelope IV has the wrong length.');
  const ctBytes = decodeField(ct, 'ciphertext');
  if (ctBytes.length < TAG_BYTES) throw corrupt('The envelope ciphertext is too short.');
  return { kdf: { name: 'PBKDF2-SHA256', iterations, salt }, iv: ivBytes, ct: ctBytes };
}

function assertIterations(iterations: unknown): asserts iterations is number {
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations)) {
    throw new TypeError('kdf.iterations must be an integer');
  }
  if (iterations < PBKDF2_MIN_ITERATIONS || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`kdf.iterations must be from ${PBKDF2_MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}`);
  }
}

/** NFC so that "é" typed as one code point or as e + accent opens the same file on every OS. */
function passphraseBytes(passphrase: unknown): Uint8Array {
  if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  if (passphrase.length === 0) throw new RangeError('passphrase must not be empty');
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

function gcmParams(iv: Uint8Array, aad: Uint8Array | undefined): AesGcmParams {
  if (aad !== undefined && !(aad instanceof Uint8Array)) throw new TypeError('aad must be a Uint8Array');
  return aad === undefined
    ? { name: 'AES-GCM', iv: buffer(iv), tagLength: TAG_BYTES * 8 }
    : { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(aad), tagLength: TAG_BYTES * 8 };
}

function decodeField(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string') throw corrupt(`The envelope ${name} is missing.`);
  const bytes = decodeBase64(value);
  if (bytes === undefined) throw corrupt(`The envelope ${name} is not valid base64.`);
  return bytes;
}

function corrupt(message: string): PassphraseError {
  return new PassphraseError('corrupt-envelope', message);
}

function unsupported(message: string): PassphraseError {
  return new PassphraseError('unsupported-envelope', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 with padding; `undefined` when the text is not exactly that. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode(...bytes) overflows the argument limit on large backups.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** WebCrypto's typings want ArrayBuffer-backed views; ours always are (never SharedArrayBuffer). */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
