/** Owns the versioned AES-GCM envelope that every stored secret is sealed in, and its AAD rules. */
import { TesseraError } from '@/lib/errors';

/** A sealed secret as it sits in IndexedDB; `v`/`alg` let the format evolve without guessing. */
export type SecretEnvelope = {
  v: 1;
  alg: 'A256GCM';
  /** 96-bit IV, fresh for every write. */
  iv: Uint8Array;
  /** Ciphertext followed by the 128-bit GCM tag. */
  ct: Uint8Array;
};

export type RandomBytes = (length: number) => Uint8Array;

export type EnvelopeErrorCode =
  /** Wrong key, wrong AAD (the ciphertext was moved to another record) or tampered bytes: GCM cannot tell which. */
  | 'decrypt-failed'
  /** A version or algorithm this build does not know: written by a newer Tessera, not corrupt. */
  | 'unsupported-envelope'
  /** Not shaped like an envelope at all (missing fields, wrong types or lengths). */
  | 'malformed-envelope';

export class EnvelopeError extends TesseraError {
  declare readonly code: EnvelopeErrorCode;
  constructor(code: EnvelopeErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export const ENVELOPE_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const AAD_PREFIX = 'tessera/v1';

export const defaultRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/**
 * The AAD that ties a record's ciphertext to that record: `tessera/v1|<schemaVersion>|<recordId>`.
 * `schemaVersion` is the version of the record format (not the IndexedDB version), so a store-only
 * migration never has to re-encrypt; a migration that changes what a secret means must re-seal.
 */
export function recordAad(schemaVersion: number, recordId: string): Uint8Array {
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new RangeError('schemaVersion must be a positive integer');
  }
  if (typeof recordId !== 'string' || recordId.length === 0) {
    throw new TypeError('recordId must be a non-empty string');
  }
  return utf8(`${AAD_PREFIX}|${schemaVersion}|${recordId}`);
}

/** AAD for purposes other than records (the key check value); kept in the same namespace. */
export function purposeAad(purpose: string): Uint8Array {
  return utf8(`${AAD_PREFIX}|${purpose}`);
}

/** AAD of a record's pending two-step enrollment part: tied to the record, distinct from its secret's. */
export function enrollmentAad(schemaVersion: number, recordId: string): Uint8Array {
  return purposeAad(`enrollment|${schemaVersion}|${recordId}`);
}

export async function sealEnvelope(
  key: CryptoKey,
  plaintext: Uint8Array,
  aad: Uint8Array,
  options: { randomBytes?: RandomBytes } = {},
): Promise<SecretEnvelope> {
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array');
  if (!(aad instanceof Uint8Array)) throw new TypeError('aad must be a Uint8Array');
  const iv = (options.randomBytes ?? defaultRandomBytes)(ENVELOPE_IV_BYTES);
  if (!(iv instanceof Uint8Array) || iv.length !== ENVELOPE_IV_BYTES) {
    throw new RangeError(`randomBytes must return ${ENVELOPE_IV_BYTES} bytes`);
  }
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(aad), tagLength: GCM_TAG_BYTES * 8 },
    key,
    buffer(plaintext),
  );
  // Copy the IV so a caller reusing its random buffer cannot change a sealed envelope.
  return { v: 1, alg: 'A256GCM', iv: new Uint8Array(iv), ct: new Uint8Array(ct) };
}

/** Checks the shape first so "newer format" and "garbage" are never reported as a wrong key. */
export function assertEnvelope(value: unknown): asserts value is SecretEnvelope {
  if (typeof value !== 'object' || value === null) {
    throw new EnvelopeError('malformed-envelope', 'The stored secret is not an envelope.');
  }
  const { v, alg, iv, ct } = value as Record<string, unknown>;
  if (v !== 1 || alg !== 'A256GCM') {
    throw new EnvelopeError('unsupported-envelope', 'The stored secret uses an envelope format this version does not know.');
  }
  if (!(iv instanceof Uint8Array) || iv.length !== ENVELOPE_IV_BYTES) {
    throw new EnvelopeError('malformed-envelope', 'The stored secret has an invalid IV.');
  }
  if (!(ct instanceof Uint8Array) || ct.length < GCM_TAG_BYTES) {
    throw new EnvelopeError('malformed-envelope', 'The stored secret has an invalid ciphertext.');
  }
}

export async function openEnvelope(key: CryptoKey, envelope: unknown, aad: Uint8Array): Promise<Uint8Array> {
  assertEnvelope(envelope);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(envelope.iv), additionalData: buffer(aad), tagLength: GCM_TAG_BYTES * 8 },
      key,
      buffer(envelope.ct),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    // OperationError is the only answer GCM gives for wrong key / wrong AAD / tampering.
    throw new EnvelopeError('decrypt-failed', 'The stored secret could not be decrypted.', { cause });
  }
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** WebCrypto's typings want ArrayBuffer-backed views; ours always are (never SharedArrayBuffer). */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
