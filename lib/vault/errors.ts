/** Owns the typed errors of the vault; each `code` is stable so it survives the message boundary. */
import { TesseraError, type ErrorParams, type VaultInputCode, type VaultUnavailableCode } from '@/lib/errors';

/** Base of every vault failure; used directly only for the rare `id-collision`. */
export class VaultError extends TesseraError {}

export type { VaultUnavailableCode, VaultInputCode };

/** A blocking state: every surface shows it and nothing is overwritten. */
export class VaultUnavailableError extends VaultError {
  declare readonly code: VaultUnavailableCode;
  constructor(code: VaultUnavailableCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Bad input: thrown before anything is written. `index` names the entry of an `addMany` batch. */
export class VaultInputError extends VaultError {
  declare readonly code: VaultInputCode;
  readonly index: number | undefined;
  constructor(code: VaultInputCode, message: string, options?: { cause?: unknown; index?: number; params?: ErrorParams }) {
    super(code, options?.index === undefined ? message : `Entry ${options.index + 1}: ${message}`, options);
    this.index = options?.index;
  }
}

export class AccountNotFoundError extends VaultError {
  declare readonly code: 'not-found';
  constructor(options?: { cause?: unknown }) {
    super('not-found', 'This account no longer exists.', options);
  }
}

/** Every export, backup or transfer path meets this for a device-bound account. */
export class DeviceBoundError extends VaultError {
  declare readonly code: 'device-bound';
  constructor() {
    super(
      'device-bound',
      'This account is bound to this device: its secret is kept only as a key that cannot be read back, so it cannot be exported, backed up or transferred.',
    );
  }
}

/** One record's secret cannot be read (corrupt bytes, moved ciphertext, newer format); the vault itself is fine. */
export class RecordUnreadableError extends VaultError {
  declare readonly code: 'record-unreadable';
  /** `decrypt-failed`, `unsupported-envelope`, `malformed-envelope` or `bad-key` (a stored key lost its type). */
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super('record-unreadable', "This account's secret cannot be read.", options);
    this.reason = reason;
  }
}

/** The accounts or the lock changed while a write was being prepared; nothing was written, try again. */
export class ConcurrentModificationError extends VaultError {
  declare readonly code: 'concurrent-modification';
  constructor(message: string) {
    super('concurrent-modification', message);
  }
}
