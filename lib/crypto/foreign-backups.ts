/**
 * Owns the decryption of other authenticators' encrypted exports (Aegis vaults, 2FAS backups):
 * their KDFs and ciphers, returning plaintext bytes for `lib/import/` to parse.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { TesseraError } from '@/lib/errors';

export type ForeignBackupErrorCode =
  /** The file is well formed and the password does not open it. */
  | 'wrong-password'
  /** Missing fields, bad encodings, wrong lengths, or a payload that fails after the password was proven right. */
  | 'malformed-backup'
  /** Well formed, but with settings Tessera refuses (a key-derivation cost that would exhaust memory). */
  | 'unsupported-backup'
  /** Password slots whose key derivation together costs more than Tessera runs (a hostile or odd file). */
  | 'too-costly-backup';

export class ForeignBackupError extends TesseraError {
  declare readonly code: ForeignBackupErrorCode;
  constructor(code: ForeignBackupErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

const AEGIS_PASSWORD_SLOT = 1;
const GCM_NONCE_BYTES = 12;
const GCM_TAG_BYTES = 16;
const AES_KEY_BYTES = 32;
/**
 * scrypt needs 128·N·r bytes. Aegis writes N=2^15, r=8 (32 MiB); 2^20 for N·r (128 MiB) leaves
 * room for stronger settings while refusing a file that would take the browser's memory.
 */
const MAX_SCRYPT_N_TIMES_R = 2 ** 20;
const MAX_SCRYPT_P = 16;
/**
 * scrypt's time grows with N·r·p, and a file may hold any number of slots, each tried in turn:
 * the sum over all password slots is capped before anything is derived (#14.4). 2^22 is sixteen
 * slots at Aegis's defaults (N=2^15, r=8, p=1), a few seconds in all.
 */
export const MAX_SCRYPT_TOTAL_WORK = 2 ** 22;

export type DecryptOptions = {
  /** Called with the fraction done (0–1) as the key derivations run; for a progress bar. */
  onProgress?: (done: number) => void;
};
/** 2FAS's own constants (TwoFASImporter / the 2FAS apps): low by today's standards, but not ours to choose. */
const TWOFAS_PBKDF2_ITERATIONS = 10_000;

/**
 * Decrypts the `db` of an encrypted Aegis vault (docs/vault.md): each password slot holds the
 * master key wrapped with AES-256-GCM under scrypt(password, slot.salt, n, r, p); the master key
 * then opens `db` with `header.params`. Returns the UTF-8 JSON of the vault content.
 */
export async function decryptAegisVault(vault: unknown, password: string, options: DecryptOptions = {}): Promise<Uint8Array> {
  assertPassword(password);
  if (!isRecord(vault) || !isRecord(vault.header)) throw malformed('The Aegis vault has no header.');
  const { slots, params } = vault.header;
  if (!Array.isArray(slots)) throw malformed('The Aegis vault has no key slots.');
  if (!isRecord(params)) throw malformed('The Aegis vault has no encryption parameters.');
  if (typeof vault.db !== 'string') throw malformed('The Aegis vault content is not encrypted text.');
  const db = decodeBase64(vault.db, 'content');
  const dbNonce = decodeHex(params.nonce, GCM_NONCE_BYTES, 'content nonce');
  const dbTag = decodeHex(params.tag, GCM_TAG_BYTES, 'content tag');

  const passwordSlots = slots.filter((slot) => isRecord(slot) && slot.type === AEGIS_PASSWORD_SLOT);
  if (passwordSlots.length === 0) {
    throw new ForeignBackupError('unsupported-backup', 'This Aegis vault has no password slot (only biometric keys), so it cannot be opened here.');
  }
  // Every slot is read and costed first: a hostile file is refused before any work starts.
  const tries = (passwordSlots as Record<string, unknown>[]).map((slot) => {
    const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
    return {
      wrapped: decodeHex(slot.key, AES_KEY_BYTES, 'slot key'),
      nonce: decodeHex(keyParams.nonce, GCM_NONCE_BYTES, 'slot nonce'),
      tag: decodeHex(keyParams.tag, GCM_TAG_BYTES, 'slot tag'),
      salt: decodeHex(slot.salt, undefined, 'slot salt'),
      params: scryptParams(slot.n, slot.r, slot.p),
    };
  });
  const work = tries.map(({ params }) => params.N * params.r * params.p);
  const totalWork = work.reduce((sum, w) => sum + w, 0);
  if (totalWork > MAX_SCRYPT_TOTAL_WORK) {
    throw new ForeignBackupError(
      'too-costly-backup',
      `This Aegis vault's key slots ask for more key-derivation work than Tessera allows (${tries.length} password slot${tries.length === 1 ? '' : 's'}). Export it again from Aegis with one password.`,
    );
  }
  const passwordBytes = new TextEncoder().encode(password);
  let masterKey: Uint8Array | undefined;
  let workDone = 0;
  try {
    for (const [index, slot] of tries.entries()) {
      const { N, r, p } = slot.params;
      const before = workDone;
      const onProgress = options.onProgress && ((fraction: number) => options.onProgress!((before + fraction * work[index]!) / totalWork));
      const derived = await scryptAsync(passwordBytes, slot.salt, { N, r, p, dkLen: AES_KEY_BYTES, ...(onProgress && { onProgress }) });
      workDone += work[index]!;
      options.onProgress?.(workDone / totalWork);
      masterKey = await gcmDecrypt(derived, slot.nonce, concat(slot.wrapped, slot.tag));
      derived.fill(0);
      if (masterKey !== undefined) break;
    }
  } finally {
    passwordBytes.fill(0);
  }
  options.onProgress?.(1);
  if (masterKey === undefined) throw wrongPassword();
  const plain = await gcmDecrypt(masterKey, dbNonce, concat(db, dbTag));
  masterKey.fill(0);
  // The password unwrapped the master key, so a failure here is damage, not a wrong password.
  if (plain === undefined) throw malformed('The Aegis vault content is damaged: the password is right but the content does not decrypt.');
  return plain;
}

/**
 * Decrypts a 2FAS `servicesEncrypted` value: `base64(ct‖tag):base64(salt):base64(iv)`,
 * PBKDF2-HMAC-SHA256 (10,000 iterations) → AES-256-GCM. Returns the UTF-8 JSON services array.
 * When the file's `reference` (a fixed text sealed the same way) is given, it is opened first so a
 * damaged services blob is told apart from a wrong password.
 */
export async function decryptTwoFasServices(
  servicesEncrypted: unknown,
  password: string,
  reference?: unknown,
): Promise<Uint8Array> {
  assertPassword(password);
  const services = splitTwoFas(servicesEncrypted, 'services');
  const check = typeof reference === 'string' && reference !== '' ? splitTwoFas(reference, 'reference') : undefined;
  if (check) {
    const referenceKey = await twoFasKey(password, check.salt);
    if ((await gcmDecrypt(referenceKey, check.iv, check.ct)) === undefined) throw wrongPassword();
  }
  const key = await twoFasKey(password, services.salt);
  const plain = await gcmDecrypt(key, services.iv, services.ct);
  if (plain === undefined) {
    if (check) throw malformed('The 2FAS backup is damaged: the password is right but the accounts do not decrypt.');
    throw wrongPassword();
  }
  return plain;
}

function splitTwoFas(value: unknown, name: string): { ct: Uint8Array; salt: Uint8Array; iv: Uint8Array } {
  if (typeof value !== 'string') throw malformed(`The 2FAS ${name} field is not text.`);
  const parts = value.split(':');
  if (parts.length !== 3) throw malformed(`The 2FAS ${name} field does not have three parts.`);
  const ct = decodeBase64(parts[0]!, name);
  const salt = decodeBase64(parts[1]!, `${name} salt`);
  const iv = decodeBase64(parts[2]!, `${name} IV`);
  if (ct.length < GCM_TAG_BYTES) throw malformed(`The 2FAS ${name} ciphertext is too short.`);
  if (salt.length < 8) throw malformed(`The 2FAS ${name} salt is too short.`);
  if (iv.length !== GCM_NONCE_BYTES) throw malformed(`The 2FAS ${name} IV has the wrong length.`);
  return { ct, salt, iv };
}

async function twoFasKey(password: string, salt: Uint8Array): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', buffer(new TextEncoder().encode(password)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: buffer(salt), iterations: TWOFAS_PBKDF2_ITERATIONS },
    material,
    AES_KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** `undefined` when GCM rejects the tag: the only failure AES-GCM reports. */
async function gcmDecrypt(rawKey: Uint8Array, iv: Uint8Array, ctAndTag: Uint8Array): Promise<Uint8Array | undefined> {
  const key = await crypto.subtle.importKey('raw', buffer(rawKey), 'AES-GCM', false, ['decrypt']);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: buffer(iv), tagLength: GCM_TAG_BYTES * 8 }, key, buffer(ctAndTag));
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

function scryptParams(n: unknown, r: unknown, p: unknown): { N: number; r: number; p: number } {
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
  if (!isCount(n) || !isCount(r) || !isCount(p) || n < 2 || (n & (n - 1)) !== 0) {
    throw malformed('The Aegis key slot has invalid scrypt parameters.');
  }
  if (n * r > MAX_SCRYPT_N_TIMES_R || p > MAX_SCRYPT_P || n * r * p > MAX_SCRYPT_TOTAL_WORK) {
    throw new ForeignBackupError('too-costly-backup', 'The Aegis key slot asks for more scrypt memory or key-derivation work than Tessera allows.');
  }
  return { N: n, r, p };
}

function assertPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  if (password.length === 0) throw new RangeError('password must not be empty');
}

function decodeHex(value: unknown, length: number | undefined, name: string): Uint8Array {
  if (typeof value !== 'string' || !/^(?:[0-9a-fA-F]{2})+$/.test(value)) throw malformed(`The Aegis ${name} is not hex.`);
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
  if (length !== undefined && out.length !== length) throw malformed(`The Aegis ${name} has the wrong length.`);
  return out;
}

/** Standard base64; padding optional (both apps pad, but nothing is gained by refusing its absence). */
function decodeBase64(value: string, name: string): Uint8Array {
  const text = value.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) throw malformed(`The ${name} is not valid base64.`);
  const binary = atob(text + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function wrongPassword(): ForeignBackupError {
  return new ForeignBackupError('wrong-password', 'The password does not open this backup.');
}

function malformed(message: string): ForeignBackupError {
  return new ForeignBackupError('malformed-backup', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
