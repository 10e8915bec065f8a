/**
 * Every error code Tessera throws, in one union: each domain's own code type (`VaultInputCode`,
 * `PolicyErrorCode`, …) must fit inside it, and what the UI compares is checked against it. Grouped
 * by where it is thrown; the UI text for a code lives in `./error-text.ts`.
 */
export type ErrorCode =
  // Anything unexpected (reported by kind only), and the message boundary itself.
  | 'internal'
  | 'no-reply'
  | 'sender-unknown'
  | 'sender-not-allowed'
  | 'bad-request'
  // The lock (lib/vault/lock.ts).
  | 'locked'
  | 'wrong-passphrase'
  | 'too-many-attempts'
  | 'weak-passphrase'
  | 'not-locked-mode'
  | 'already-locked-mode'
  | 'concurrent-modification'
  // The vault: storage, records, input (lib/vault/errors.ts).
  | VaultUnavailableCode
  | VaultInputCode
  | 'not-found'
  | 'device-bound'
  | 'record-unreadable'
  | 'id-collision'
  // A Tessera backup entry whose site bindings cannot be read (lib/import/tessera-backup.ts).
  | 'invalid-sites'
  // Crypto envelopes and passphrase-sealed data (lib/crypto).
  | 'decrypt-failed'
  | 'unsupported-envelope'
  | 'malformed-envelope'
  | 'corrupt-envelope'
  | 'wrong-password'
  | 'malformed-backup'
  | 'unsupported-backup'
  | 'too-costly-backup'
  // The organisation's policy (lib/policy.ts).
  | PolicyErrorCode
  // Site bindings (lib/sites).
  | SiteErrorCode
  // The OTP core: otpauth URIs and migration payloads (lib/otp).
  | OtpUriErrorCode
  // Imports, backups and transfers (lib/import, lib/backup).
  | 'not-this-format'
  | 'image-not-export'
  | 'too-costly-encryption'
  | 'truncated'
  | 'malformed'
  | 'too-large'
  | 'too-deep'
  | 'too-many'
  | 'password-required'
  | 'unsupported-version'
  | 'unsupported-encryption'
  | 'corrupt-backup'
  | 'not-a-backup'
  | 'corrupt-payload'
  | 'invalid-entry'
  | 'unsupported-type'
  | 'unrecognised-totp'
  | 'not-an-image'
  /** The person stopped opening an encrypted file (lib/manage): nothing was imported. */
  | 'cancelled'
  // QR capture (lib/capture).
  | 'page-not-scannable'
  | 'page-changed'
  | 'capture-expired'
  | 'not-enrollment'
  // Filling (lib/autofill, lib/worker/fill.ts).
  | AutofillErrorCode;

/**
 * The base of every domain error: a stable `code` that survives the message boundary
 * (where `instanceof` does not) and a message that never contains a secret.
 */
export class TesseraError extends Error {
  readonly code: ErrorCode;
  /** The values the UI's text for this code needs (`$1`, `$2`, … of its catalogue message), never a secret. */
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, options?: TesseraErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.params = options?.params;
  }
}

/**
 * Values for the catalogue text of an error (`error_<code>` in public/_locales): a limit, a host,
 * a number of seconds. The English `message` is for logs and tests; the UI never shows it.
 */
export type ErrorParams = readonly (string | number)[];

export interface TesseraErrorOptions {
  cause?: unknown;
  params?: ErrorParams;
}

/** What crosses the message boundary in place of a thrown error. */
export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof TesseraError) {
    return { name: error.name, code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
  }
  // Unknown failures are reported by kind only: their text could echo input.
  const name = error instanceof Error ? error.name : 'Error';
  return { name, code: 'internal', message: 'Something went wrong inside Tessera.' };
}

/** Rebuilt on the caller's side of a message: the `code` is what callers branch on. */
export class RemoteError extends TesseraError {
  readonly remoteName: string;
  constructor(serialized: SerializedError) {
    super(serialized.code, serialized.message, serialized.params ? { params: serialized.params } : undefined);
    this.remoteName = serialized.name;
  }
}

/** The OTP core's codes (otpauth URIs and migration payloads); lib/otp re-exports them under this name. */
export type OtpUriErrorCode =
  | 'invalid-base32'
  | 'too-long'
  | 'missing-secret'
  | 'wrong-scheme'
  | 'unknown-type'
  | 'unsupported-algorithm'
  | 'malformed-uri'
  | 'bad-counter'
  | 'digits-out-of-range'
  | 'period-out-of-range'
  | 'bad-two-step'
  /** A privacyIDEA 2step URI reached a path that would store its server half as the secret. */
  | 'two-step-enrollment'
  | 'malformed-payload'
  | 'not-representable';

/** The vault's blocking states (lib/vault re-exports them under this name). */
export type VaultUnavailableCode =
  /** IndexedDB cannot be opened (disabled, private mode, quota, corrupt profile). */
  | 'storage-unavailable'
  /** The database was written by a newer Tessera (a downgrade); opening it would risk data. */
  | 'vault-too-new'
  /** Records exist but the device key row is gone: they cannot be decrypted, and no new key is made. */
  | 'device-key-missing'
  /** A device key exists but does not open its own check value. */
  | 'device-key-unusable';

/** Bad input to the vault, refused before anything is written (lib/vault re-exports them under this name). */
export type VaultInputCode =
  | 'invalid-kind'
  | 'invalid-algorithm'
  | 'invalid-digits'
  | 'invalid-period'
  | 'invalid-counter'
  | 'invalid-secret'
  | 'invalid-label'
  | 'invalid-group'
  | 'invalid-site'
  | 'invalid-flag'
  | 'invalid-order'
  | 'not-hotp'
  | 'not-time-based'
  | 'counter-exhausted'
  | 'invalid-enrollment'
  /** The account has no pending enrollment step (already finished, or never had one). */
  | 'no-enrollment';

/** What the organisation's policy refuses (lib/policy re-exports them under this name). */
export type PolicyErrorCode =
  | 'export-disabled'
  | 'device-bound-only'
  | 'autofill-disabled'
  | 'capture-not-allowed'
  | 'passphrase-required'
  | 'passphrase-too-short'
  | 'passphrase-rule'
  | 'passphrase-removal-refused'
  | 'policy-unavailable';

/** Why a site binding was refused (lib/sites re-exports them under this name). */
export type SiteErrorCode =
  | 'empty'
  | 'invalid-url'
  | 'invalid-host'
  | 'opaque-origin'
  | 'unsupported-scheme'
  | 'insecure-scheme'
  | 'credentials-in-url'
  | 'public-suffix';

/** Why a fill did not happen (lib/autofill re-exports them under this name). */
export type AutofillErrorCode =
  | 'page-not-fillable'
  | 'not-bound'
  /** A plain-http (non-loopback) page: what is filled there can be read on the network. */
  | 'not-secure'
  | 'no-field'
  | 'ambiguous'
  | 'several-frames'
  | 'fill-refused';
