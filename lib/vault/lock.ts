/**
 * Owns the optional passphrase lock: which key opens the records (device key or a data key
 * sealed under the passphrase), the unlocked session, and moving between the two modes in
 * one transaction each, so an interruption leaves the old or the new state, both openable.
 */
import { createKeyCheck, generateDeviceKey, importDataKey, isKeyCheckValid, type KeyProvider, defaultRandomBytes, enrollmentAad, openEnvelope, purposeAad, recordAad, sealEnvelope, type RandomBytes, type SecretEnvelope, openWithPassphrase, PassphraseError, sealWithPassphrase } from '@/lib/crypto';
import { createDeviceKeyProvider, deviceRow } from './device-key-provider';
import { BUILT_IN_MIN_PASSPHRASE_LENGTH } from '@/lib/policy';
import { ConcurrentModificationError, VaultError, VaultUnavailableError } from './errors';
import type { TesseraErrorOptions } from '@/lib/errors';
import {
  DEVICE_KEY_ROW_ID,
  PASSPHRASE_KEY_ROW_ID,
  RECORD_FORMAT_VERSION,
  VAULT_META_ROW_ID,
  type DeviceKeyRow,
  type PassphraseKeyRow,
  type VaultDb,
  type VaultMetaRow,
} from './schema';
import type { AccountRecord } from './types';

/** The vault is locked: nothing is read until the passphrase unlocks it. */
export class VaultLockedError extends VaultError {
  declare readonly code: 'locked';
  constructor(message = 'Tessera is locked. Enter your passphrase to unlock it.') {
    super('locked', message);
  }
}

/** An unlock (or a passphrase check) refused: the passphrase is wrong, or tries are throttled. */
export class UnlockRefusedError extends VaultError {
  declare readonly code: 'wrong-passphrase' | 'too-many-attempts';
  /** For `too-many-attempts`: when the next try is accepted (ms since epoch). */
  readonly retryAt: number | undefined;
  constructor(code: UnlockRefusedError['code'], message: string, options?: TesseraErrorOptions & { retryAt?: number }) {
    super(code, message, options);
    this.retryAt = options?.retryAt;
  }
}

/** A change to the lock that does not fit its current mode, or a passphrase too weak to set. */
export class LockChangeError extends VaultError {
  declare readonly code: 'weak-passphrase' | 'not-locked-mode' | 'already-locked-mode';
  constructor(code: LockChangeError['code'], message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
  }
}

/** The unsealed data key while unlocked; kept where the worker's restarts cannot lose it. */
export interface SessionKey {
  keyId: string;
  raw: Uint8Array;
}

export interface SessionKeyStore {
  get(): Promise<SessionKey | null>;
  set(key: SessionKey): Promise<void>;
  clear(): Promise<void>;
}

export type VaultMode = 'device' | 'passphrase';

export const MIN_PASSPHRASE_LENGTH = BUILT_IN_MIN_PASSPHRASE_LENGTH;
/** Attempts allowed before the delay starts, and its cap: slow for a guesser, never a lock-out. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 60_000;
const DATA_KEY_AAD = purposeAad('data-key');
const DATA_KEY_BYTES = 32;

export function unlockDelayMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failedAttempts - FREE_ATTEMPTS));
}

export interface LockDeps {
  db: VaultDb | Promise<VaultDb>;
  session: SessionKeyStore;
  now?: () => number;
  randomId?: () => string;
  randomBytes?: RandomBytes;
  /** PBKDF2 iterations for new seals (tests may raise it; the floor is enforced by lib/crypto). */
  iterations?: number;
}

export function createVaultLock(deps: LockDeps) {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const randomBytes = deps.randomBytes ?? defaultRandomBytes;
  const dbReady = Promise.resolve(deps.db);
  dbReady.catch(() => undefined);
  const deviceProvider = createDeviceKeyProvider({ db: dbReady, now, randomId, randomBytes });

  async function passphraseRow(db: VaultDb): Promise<PassphraseKeyRow | undefined> {
    const row = await db.get('keys', PASSPHRASE_KEY_ROW_ID);
    return row?.id === PASSPHRASE_KEY_ROW_ID ? row : undefined;
  }

  /**
   * Mode and lock state, shared by the burst of messages a popup sends when it opens. Kept for
   * a second at most and dropped by every change made here, so it is never staler than that.
   */
  const STATE_FRESH_MS = 1000;
  let stateMemo: { at: number; state: Promise<{ mode: VaultMode; locked: boolean }> } | null = null;
  function lockState(): Promise<{ mode: VaultMode; locked: boolean }> {
    if (stateMemo && now() - stateMemo.at < STATE_FRESH_MS) return stateMemo.state;
    const state = (async () => {
      const row = await passphraseRow(await dbReady);
      if (!row) return { mode: 'device' as const, locked: false };
      const session = await deps.session.get();
      return { mode: 'passphrase' as const, locked: !session || session.keyId !== row.keyId };
    })();
    stateMemo = { at: now(), state };
    state.catch(() => (stateMemo = null));
    return state;
  }
  function stateChanged(): void {
    stateMemo = null;
  }

  async function mode(): Promise<VaultMode> {
    return (await lockState()).mode;
  }

  /** The data key for records: the device key, or the session's unsealed key when unlocked. */
  const keyProvider: KeyProvider = {
    sealsDeviceBound: async () => (await lockState()).mode === 'passphrase',
    async getDataKey() {
      const db = await dbReady;
      const row = await passphraseRow(db);
      if (!row) return deviceProvider.getDataKey();
      const session = await deps.session.get();
      if (!session || session.keyId !== row.keyId) {
        throw new VaultLockedError();
      }
      return importDataKey(session.raw);
    },
  };

  function assertPassphrase(passphrase: string): void {
    if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
    if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
      throw new LockChangeError('weak-passphrase', `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
        params: [MIN_PASSPHRASE_LENGTH],
      });
    }
  }

  /**
   * Unseals the data key, with a growing delay after repeated wrong passphrases. The attempt is
   * counted and the delay checked in ONE read-write transaction before the slow derivation, so
   * parallel attempts queue on the count instead of all reading the same old value.
   */
  async function unsealDataKey(passphrase: string): Promise<{ row: PassphraseKeyRow; raw: Uint8Array }> {
    const db = await dbReady;
    const row = await passphraseRow(db);
    if (!row) throw new LockChangeError('not-locked-mode', 'Tessera has no passphrase set.');
    const failedBefore = await reserveUnlockAttempt(db);
    let raw: Uint8Array;
    try {
      raw = await openWithPassphrase(row.wrapped, passphrase, { aad: DATA_KEY_AAD });
    } catch (cause) {
      if (cause instanceof PassphraseError && cause.code === 'wrong-passphrase') {
        // The count already holds this attempt; the delay runs from when it failed.
        await updateMeta(db, (meta) => ({ ...meta, lastFailedUnlockAt: now() }));
        throw new UnlockRefusedError('wrong-passphrase', 'That passphrase is not right.', { cause });
      }
      // A malformed stored envelope is not a wrong passphrase: say the data is damaged.
      await updateMeta(db, (meta) => ({ ...meta, failedUnlocks: failedBefore }));
      throw cause;
    }
    if (!(await isKeyCheckValid(await importDataKey(raw), row.check))) {
      throw new VaultUnavailableError('device-key-unusable', 'The stored data key does not open its check value.');
    }
    await updateMeta(db, (meta) => ({ ...meta, failedUnlocks: 0 }));
    return { row, raw };
  }

  /** Refuses while the delay runs, else counts this attempt as failed until it succeeds; one transaction. */
  async function reserveUnlockAttempt(db: VaultDb): Promise<number> {
    const tx = db.transaction('meta', 'readwrite');
    const meta = await tx.store.get(VAULT_META_ROW_ID);
    const failed = meta?.failedUnlocks ?? 0;
    const retryAt = (meta?.lastFailedUnlockAt ?? 0) + unlockDelayMs(failed);
    if (failed >= FREE_ATTEMPTS && now() < retryAt) {
      await tx.done;
      const seconds = Math.ceil((retryAt - now()) / 1000);
      throw new UnlockRefusedError('too-many-attempts', `Too many wrong passphrases. Try again in ${seconds} s.`, { retryAt, params: [seconds] });
    }
    if (meta) await tx.store.put({ ...meta, failedUnlocks: failed + 1, lastFailedUnlockAt: now() });
    await tx.done;
    return failed;
  }

  async function updateMeta(db: VaultDb, change: (meta: VaultMetaRow) => VaultMetaRow): Promise<void> {
    const tx = db.transaction('meta', 'readwrite');
    const meta = await tx.store.get(VAULT_META_ROW_ID);
    if (meta) await tx.store.put(change(meta));
    await tx.done;
  }

  /**
   * Re-seals every record from one data key to another, outside any transaction, then writes
   * them with the new key rows in ONE transaction that first checks nothing changed meanwhile.
   */
  async function switchKeys(
    fromKey: CryptoKey,
    toKey: CryptoKey,
    keyRows: { put: DeviceKeyRow | PassphraseKeyRow; remove: string },
    nextMode: VaultMode,
  ): Promise<void> {
    const db = await dbReady;
    const before = await db.getAll('accounts');
    const reseal = async (envelope: SecretEnvelope, aad: Uint8Array): Promise<SecretEnvelope> => {
      const bytes = await openEnvelope(fromKey, envelope, aad);
      try {
        return await sealEnvelope(toKey, bytes, aad, { randomBytes });
      } finally {
        bytes.fill(0);
      }
    };
    const resealed: AccountRecord[] = [];
    for (const stored of before) {
      // A pending two-step part is sealed under the data key too, device-bound account or not.
      const step = stored.enrollment;
      const record = step ? { ...stored, enrollment: { ...step, part: await reseal(step.part, enrollmentAad(RECORD_FORMAT_VERSION, stored.id)) } } : stored;
      if (record.secret.alg === 'device-bound') {
        resealed.push(record);
        continue;
      }
      resealed.push({ ...record, secret: await reseal(record.secret, recordAad(RECORD_FORMAT_VERSION, record.id)) });
    }
    const tx = db.transaction(['accounts', 'keys', 'meta'], 'readwrite');
    const accounts = tx.objectStore('accounts');
    const current = await accounts.getAll();
    const unchanged =
      current.length === before.length &&
      current.every((record, i) => record.id === before[i]!.id && record.updatedAt === before[i]!.updatedAt && sameSecret(record, before[i]!));
    if (!unchanged) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new ConcurrentModificationError( 'Accounts changed while the lock was being set; try again.');
    }
    const meta = await tx.objectStore('meta').get(VAULT_META_ROW_ID);
    await Promise.all([
      ...resealed.map((record) => accounts.put(record)),
      tx.objectStore('keys').put(keyRows.put),
      tx.objectStore('keys').delete(keyRows.remove),
      tx.objectStore('meta').put({
        id: VAULT_META_ROW_ID,
        schemaVersion: db.version,
        createdAt: now(),
        ...meta,
        mode: nextMode,
        failedUnlocks: 0,
        revision: (meta?.revision ?? 0) + 1,
      }),
      tx.done,
    ]);
  }

  return {
    keyProvider,
    mode,

    /** Locked = passphrase mode without an unsealed key in this browser session. */
    async isLocked(): Promise<boolean> {
      return (await lockState()).locked;
    },

    async unlock(passphrase: string): Promise<void> {
      const { row, raw } = await unsealDataKey(passphrase);
      await deps.session.set({ keyId: row.keyId, raw });
      stateChanged();
    },

    async lock(): Promise<void> {
      stateChanged();
      await deps.session.clear();
      stateChanged();
    },

    /** Device mode → passphrase mode: a fresh data key, every record re-sealed, one commit. */
    async setPassphrase(passphrase: string): Promise<void> {
      assertPassphrase(passphrase);
      const db = await dbReady;
      if (await passphraseRow(db)) throw new LockChangeError('already-locked-mode', 'A passphrase is already set; change it instead.');
      const deviceKey = await deviceProvider.getDataKey();
      const deviceKeyRow = deviceRow(await db.get('keys', DEVICE_KEY_ROW_ID));
      if (!deviceKeyRow) throw new VaultUnavailableError('device-key-missing', 'The device key is missing.');
      const raw = randomBytes(DATA_KEY_BYTES);
      const dataKey = await importDataKey(raw);
      const row: PassphraseKeyRow = {
        id: PASSPHRASE_KEY_ROW_ID,
        keyId: randomId(),
        wrapped: await sealWithPassphrase(raw, passphrase, { aad: DATA_KEY_AAD, iterations: deps.iterations, randomBytes }),
        check: await createKeyCheck(dataKey, { randomBytes }),
        createdAt: now(),
      };
      stateChanged();
      await switchKeys(deviceKey, dataKey, { put: row, remove: DEVICE_KEY_ROW_ID }, 'passphrase');
      await deps.session.set({ keyId: row.keyId, raw });
      stateChanged();
    },

    /** Only the seal of the data key changes: one row, one write. */
    async changePassphrase(current: string, next: string): Promise<void> {
      assertPassphrase(next);
      const { row, raw } = await unsealDataKey(current);
      const wrapped = await sealWithPassphrase(raw, next, { aad: DATA_KEY_AAD, iterations: deps.iterations, randomBytes });
      const db = await dbReady;
      const tx = db.transaction('keys', 'readwrite');
      const stored = await tx.store.get(PASSPHRASE_KEY_ROW_ID);
      if (stored?.id !== PASSPHRASE_KEY_ROW_ID || stored.keyId !== row.keyId) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new ConcurrentModificationError( 'The lock changed meanwhile; try again.');
      }
      await Promise.all([tx.store.put({ ...stored, wrapped }), tx.done]);
    },

    /** Passphrase mode → device mode: a new non-extractable device key, every record re-sealed. */
    async removePassphrase(passphrase: string): Promise<void> {
      const { raw } = await unsealDataKey(passphrase);
      const dataKey = await importDataKey(raw);
      const deviceKey = await generateDeviceKey();
      const row: DeviceKeyRow = {
        id: DEVICE_KEY_ROW_ID,
        keyId: randomId(),
        key: deviceKey,
        check: await createKeyCheck(deviceKey, { randomBytes }),
        createdAt: now(),
      };
      stateChanged();
      await switchKeys(dataKey, deviceKey, { put: row, remove: PASSPHRASE_KEY_ROW_ID }, 'device');
      await deps.session.clear();
      stateChanged();
    },
  };
}

export type VaultLock = ReturnType<typeof createVaultLock>;

function sameSecret(a: AccountRecord, b: AccountRecord): boolean {
  if (a.secret.alg === 'device-bound' || b.secret.alg === 'device-bound') return a.secret.alg === b.secret.alg;
  const ivA = a.secret.iv;
  const ivB = b.secret.iv;
  return ivA.length === ivB.length && ivA.every((byte, i) => byte === ivB[i]);
}

/** An in-memory session store, for tests and for contexts without `storage.session`. */
export function createMemorySessionStore(): SessionKeyStore {
  let value: SessionKey | null = null;
  return {
    get: async () => value,
    set: async (key) => void (value = { keyId: key.keyId, raw: new Uint8Array(key.raw) }),
    clear: async () => void (value = null),
  };
}
