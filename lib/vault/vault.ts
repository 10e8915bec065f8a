/**
 * Owns every read and write of vault accounts: metadata out, codes out, secrets sealed in, one
 * transaction per change. This file only composes the parts, one file per job: `records.ts` (reads,
 * writes, the records cache), `codes.ts` (codes and their caches), `add-planning.ts` (duplicates and
 * the add plan), `trash.ts` (delete, undo, purge), `export-gate.ts` (the doors a secret leaves by).
 */
import type { KeyProvider, RandomBytes } from '@/lib/crypto';
import { NO_POLICY, type ManagedPolicy } from '@/lib/policy';
import { createAddMethods } from './add-planning';
import { createCodeCache, createCodeMethods } from './codes';
import { createDeviceKeyProvider } from './device-key-provider';
import { createExportGate } from './export-gate';
import { createRecordMethods, createRecordStore, guard } from './records';
import type { VaultDb } from './schema';
import { createTrashMethods } from './trash';
import type {
  AccountCode,
  AccountCodeFailure,
  AccountMeta,
  AccountUpdate,
  AddOptions,
  AddResult,
  NewAccountInput,
  PreviewResult,
  VaultStatus,
} from './types';

export type VaultDeps = {
  db: VaultDb | Promise<VaultDb>;
  /** Defaults to device mode (the stored non-extractable key); the passphrase mode will pass its own. */
  keyProvider?: KeyProvider;
  now?: () => number;
  randomId?: () => string;
  randomBytes?: RandomBytes;
  /** Told whenever accounts are about to change or have changed (drops caches kept elsewhere). */
  onChange?: () => void;
  /** The organisation's policy, read at each add and export (lib/policy.ts); none by default. */
  policy?: () => Promise<ManagedPolicy>;
};

/**
 * The vault: the accounts, their codes and the trash. Every method may also throw
 * `VaultUnavailableError` (`storage-unavailable`, `device-key-missing`, `device-key-unusable`,
 * `vault-too-new`): a blocking state in which nothing was written. Ids are checked first
 * (`TypeError`/`RangeError` for a malformed id). Secrets leave only through `exportableSecret`
 * and `enrollmentPart`.
 */
export interface Vault {
  /** `ready` or `empty`; the first call on a new profile creates the device key. */
  status(): Promise<VaultStatus>;
  /** Every account (no secrets), in list order (pinned first, then the user's order). */
  list(): Promise<AccountMeta[]>;
  /** Throws `AccountNotFoundError`. */
  get(id: string): Promise<AccountMeta>;
  /**
   * Current and next code of every totp/steam account at `timestamp` (hotp omitted); with `ids`,
   * only those (unknown ids skipped). An undecryptable account comes back as an
   * `AccountCodeFailure`, never dropped and never failing the rest. Throws `RangeError` (a negative
   * or non-finite timestamp), `TypeError` (`ids` not an array of ids).
   */
  codes(timestamp?: number, ids?: readonly string[]): Promise<Array<AccountCode | AccountCodeFailure>>;
  /**
   * One totp/steam account's codes. Throws `AccountNotFoundError`, `VaultInputError` (`not-time-based`),
   * `RecordUnreadableError`, `RangeError` (a bad timestamp).
   */
  codeOf(id: string, timestamp?: number): Promise<AccountCode>;
  /** `list()` and `codes()` from one read. Throws `RangeError` (a bad timestamp). */
  overview(timestamp?: number): Promise<{ accounts: AccountMeta[]; codes: Array<AccountCode | AccountCodeFailure> }>;
  /**
   * Adds one account, or reports it already there or in conflict (see `AddOptions.onConflict`).
   * Throws `VaultInputError` (bad input, nothing written), `RangeError` (an unknown `onConflict`),
   * `PolicyError` (`device-bound-only`, `policy-unavailable`), `ConcurrentModificationError` (the
   * accounts kept changing; nothing written), `VaultError` (`id-collision`: no fresh id could be picked).
   */
  add(input: NewAccountInput, options?: AddOptions): Promise<AddResult>;
  /**
   * All or nothing, in one transaction; one result per input. Throws as `add` (`VaultInputError.index`
   * names the entry), and `TypeError` when `inputs` is not an array.
   */
  addMany(inputs: readonly NewAccountInput[], options?: AddOptions): Promise<AddResult[]>;
  /** What `addMany` would do, writing nothing; a bad entry is reported in place (`problem`). Throws `TypeError` (not an array). */
  previewMany(inputs: readonly NewAccountInput[]): Promise<PreviewResult[]>;
  /** Throws `AccountNotFoundError`, `VaultInputError` (a bad field). */
  update(id: string, patch: AccountUpdate): Promise<AccountMeta>;
  /** Moves the account to the trash; returns the undo token. Throws `AccountNotFoundError`. */
  trash(id: string): Promise<string>;
  /** Restores a trashed account (idempotent). Throws `AccountNotFoundError` once the trash was purged. */
  untrash(token: string): Promise<AccountMeta>;
  /** Deletes for good every trashed account older than `maxAgeMs`; returns how many. */
  purgeTrash(maxAgeMs: number): Promise<number>;
  /** `ids` first, in that order; the others keep their relative order after them. Throws `VaultInputError` (`invalid-order`), `AccountNotFoundError` (an unknown id). */
  reorder(ids: readonly string[]): Promise<void>;
  /** Records that a code was used now (for the "recently used" order). Throws `AccountNotFoundError`. */
  markUsed(id: string): Promise<void>;
  /**
   * Reserves the next counter in one transaction and computes its code; concurrent calls get
   * distinct counters. Throws `AccountNotFoundError`, `VaultInputError` (`not-hotp`,
   * `counter-exhausted`), `RecordUnreadableError`.
   */
  nextHotp(id: string): Promise<{ code: string; counter: number }>;
  /**
   * The code `nextHotp` gave last, recomputed from the secret (never stored); null when the counter
   * moved another way since. Throws `AccountNotFoundError`, `VaultInputError` (`not-hotp`), `RecordUnreadableError`.
   */
  lastHotp(id: string): Promise<{ code: string; counter: number } | null>;
  /** The pending two-step client part (the caller zeroes it). Throws `AccountNotFoundError`, `VaultInputError` (`no-enrollment`), `RecordUnreadableError`. */
  enrollmentPart(id: string): Promise<Uint8Array>;
  /** Forgets the pending client part (idempotent). Throws `AccountNotFoundError`. */
  finishEnrollment(id: string): Promise<AccountMeta>;
  /**
   * The decrypted secret, for export and backup paths only. Throws `DeviceBoundError` (no copy of
   * a device-bound secret exists), `AccountNotFoundError`, `RecordUnreadableError`, `PolicyError`
   * (`export-disabled`).
   */
  exportableSecret(id: string): Promise<Uint8Array>;
}

/**
 * The vault API the background worker calls. Nothing here is state: the database is the truth;
 * the only memory is caches (records, imported non-extractable HMAC keys, codes), lost with the
 * worker, harmlessly.
 */
export function createVault(deps: VaultDeps): Vault {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const { randomBytes } = deps;
  const policy = deps.policy ?? (async () => NO_POLICY);
  const dbReady = Promise.resolve(deps.db);
  // Keep a rejected open from surfacing as an unhandled rejection before the first call.
  dbReady.catch(() => undefined);
  const keyProvider = deps.keyProvider ?? createDeviceKeyProvider({ db: dbReady, now, randomId, randomBytes });
  const records = createRecordStore(dbReady, deps.onChange);
  const cache = createCodeCache(keyProvider);

  const methods = {
    /** Blocking problems throw `VaultUnavailableError`; first run creates the device key here (once). */
    status: async (): Promise<VaultStatus> => {
      const db = await dbReady;
      await keyProvider.getDataKey();
      const count = await db.count('accounts');
      return { state: count > 0 ? 'ready' : 'empty' };
    },
    ...createRecordMethods(records, now),
    ...createCodeMethods(records, cache, now),
    ...createAddMethods({ records, cache, keyProvider, policy, now, randomId, randomBytes }),
    ...createTrashMethods(records, cache, now),
    ...createExportGate({ records, keyProvider, policy, now }),
  } satisfies Vault;
  return guardEach(methods);
}

/** Every method behind `guard`: an IndexedDB failure anywhere becomes the blocking `storage-unavailable`. */
function guardEach<T extends { [K in keyof T]: (...args: never[]) => Promise<unknown> }>(methods: T): T {
  const guarded = {} as Record<keyof T, unknown>;
  for (const name of Object.keys(methods) as Array<keyof T>) {
    const method = methods[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = (...args: unknown[]) => guard(() => method(...args));
  }
  return guarded as T;
}
