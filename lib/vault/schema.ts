/** Owns the `tessera-vault` IndexedDB schema, its step-by-step migrations and opening it. */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, unwrap, wrap } from 'idb';
import { type SecretEnvelope, type PassphraseEnvelope } from '@/lib/crypto';
import { VaultUnavailableError } from './errors';
import type { AccountRecord } from './types';

export const VAULT_DB_NAME = 'tessera-vault';

/**
 * Version of the record format, bound into every record's AAD. It moves only when a migration
 * changes what a stored secret means (and re-seals it); store-only migrations leave it alone.
 */
export const RECORD_FORMAT_VERSION = 1;

export const DEVICE_KEY_ROW_ID = 'device';
export const VAULT_META_ROW_ID = 'vault';

/** The stored device key and its check value, written together in one transaction. */
export type DeviceKeyRow = {
  id: typeof DEVICE_KEY_ROW_ID;
  /** Random, public: lets a provider remember it already checked this key. */
  keyId: string;
  key: CryptoKey;
  check: SecretEnvelope;
  createdAt: number;
};

export const PASSPHRASE_KEY_ROW_ID = 'passphrase';

/**
 * Passphrase mode: the data key exists on disk only sealed under a key derived from the
 * passphrase (PBKDF2, parameters stored beside the salt); the check proves an unsealed key.
 */
export type PassphraseKeyRow = {
  id: typeof PASSPHRASE_KEY_ROW_ID;
  keyId: string;
  wrapped: PassphraseEnvelope;
  check: SecretEnvelope;
  createdAt: number;
};

export type VaultMetaRow = {
  id: typeof VAULT_META_ROW_ID;
  schemaVersion: number;
  createdAt: number;
  /** Set when the first data key is created; the passphrase mode will add `'passphrase'`. */
  mode?: 'device' | 'passphrase';
  /** Bumped after every change to the accounts, so a cached copy can tell it is stale. */
  revision?: number;
  /** Failed unlock attempts in a row, for the growing delay (never a permanent lock-out). */
  failedUnlocks?: number;
  lastFailedUnlockAt?: number;
};

/** A deleted account kept for a few seconds so the user can undo; purged after that. */
export type TrashRow = { id: string; record: AccountRecord; deletedAt: number };

export interface VaultDbSchema extends DBSchema {
  accounts: { key: string; value: AccountRecord; indexes: { 'by-order': number } };
  trash: { key: string; value: TrashRow; indexes: { 'by-deleted-at': number } };
  keys: { key: string; value: DeviceKeyRow | PassphraseKeyRow };
  meta: { key: string; value: VaultMetaRow };
}

export type VaultDb = IDBPDatabase<VaultDbSchema>;
export type UpgradeTransaction = IDBPTransaction<VaultDbSchema, StoreNames<VaultDbSchema>[], 'versionchange'>;

/**
 * `migrations[i]` upgrades a database from version i to i + 1. Each step only issues IDB requests
 * on the upgrade transaction (no other awaits), so a failing step aborts the whole upgrade.
 */
export type VaultMigration = (db: VaultDb, tx: UpgradeTransaction, context: { now: number }) => void;

export const VAULT_MIGRATIONS: readonly VaultMigration[] = [
  // 0 → 1: the first schema.
  (db, _tx, { now }) => {
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('by-order', 'order');
    db.createObjectStore('keys', { keyPath: 'id' });
    const meta = db.createObjectStore('meta', { keyPath: 'id' });
    void meta.put({ id: VAULT_META_ROW_ID, schemaVersion: 1, createdAt: now });
  },
  // 1 → 2: deleted accounts wait in `trash` for the undo window, so undo survives a worker stop.
  (db) => {
    const trash = db.createObjectStore('trash', { keyPath: 'id' });
    trash.createIndex('by-deleted-at', 'deletedAt');
  },
  // 2 → 3: accounts gain a group; every older record, in the list or the trash, is in none.
  (_db, tx) => addGroupField(tx),
];

/**
 * Writes `group: null` on each record that has no `group` yet. Cursor requests only, on the
 * upgrade transaction, so a failure aborts the whole upgrade and the old records stay as they were.
 */
function addGroupField(tx: UpgradeTransaction): void {
  const sweep = (request: IDBRequest<IDBCursorWithValue | null>, patch: (value: unknown) => unknown | null) => {
    request.addEventListener('success', () => {
      const cursor = request.result;
      if (!cursor) return;
      const next = patch(cursor.value);
      if (next !== null) cursor.update(next);
      cursor.continue();
    });
  };
  const withGroup = (record: Record<string, unknown>) => ('group' in record ? null : { ...record, group: null });
  sweep(unwrap(tx.objectStore('accounts')).openCursor(), (value) => withGroup(value as Record<string, unknown>));
  sweep(unwrap(tx.objectStore('trash')).openCursor(), (value) => {
    const row = value as { record: Record<string, unknown> };
    const record = withGroup(row.record);
    return record === null ? null : { ...row, record };
  });
}

export const VAULT_DB_VERSION = VAULT_MIGRATIONS.length;

export type OpenVaultDbOptions = {
  name?: string;
  /** Tests only: open at another version with another migration list. */
  version?: number;
  migrations?: readonly VaultMigration[];
  now?: () => number;
};

/**
 * Opens (creating or upgrading) the vault database. Any failure to open is a blocking
 * `VaultUnavailableError`, never an empty vault.
 */
export async function openVaultDb(
  idbFactory: IDBFactory | null | undefined = globalThis.indexedDB,
  options: OpenVaultDbOptions = {},
): Promise<VaultDb> {
  const { name = VAULT_DB_NAME, migrations = VAULT_MIGRATIONS, now = Date.now } = options;
  const version = options.version ?? migrations.length;
  if (!Number.isSafeInteger(version) || version < 1 || version > migrations.length) {
    throw new RangeError('version must be between 1 and the number of migrations');
  }
  if (!idbFactory) {
    throw new VaultUnavailableError('storage-unavailable', 'IndexedDB is not available in this browser profile.');
  }

  let request: IDBOpenDBRequest;
  try {
    request = idbFactory.open(name, version);
  } catch (cause) {
    // Firefox with history disabled throws here synchronously.
    throw new VaultUnavailableError('storage-unavailable', 'The vault database cannot be opened.', { cause });
  }
  let migrationError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = wrap(request.transaction!) as unknown as UpgradeTransaction;
    const db = wrap(request.result) as unknown as VaultDb;
    try {
      runMigrations(db, tx, migrations, event.oldVersion, event.newVersion ?? version, now());
    } catch (cause) {
      // Aborting rejects the open request: the old data stays exactly as it was.
      migrationError = cause;
      // The open request reports the failure; the transaction's own promise must not go unhandled.
      tx.done.catch(() => undefined);
      tx.abort();
    }
  });

  let db: VaultDb;
  try {
    db = (await wrap(request)) as unknown as VaultDb;
  } catch (cause) {
    if ((cause as DOMException)?.name === 'VersionError') {
      throw new VaultUnavailableError(
        'vault-too-new',
        'The vault was written by a newer version of Tessera; update Tessera to open it.',
        { cause },
      );
    }
    if (migrationError !== undefined) {
      throw new VaultUnavailableError('storage-unavailable', 'The vault database could not be upgraded.', {
        cause: migrationError,
      });
    }
    throw new VaultUnavailableError('storage-unavailable', 'The vault database cannot be opened.', { cause });
  }
  // Let a newer version (an extension update) upgrade instead of waiting on us forever.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

function runMigrations(
  db: VaultDb,
  tx: UpgradeTransaction,
  migrations: readonly VaultMigration[],
  oldVersion: number,
  newVersion: number,
  now: number,
): void {
  for (let from = oldVersion; from < newVersion; from++) {
    const step = migrations[from];
    if (!step) throw new RangeError(`no migration from version ${from}`);
    step(db, tx, { now });
  }
  // Record the version reached (the row exists since version 1; requests run in order, so a
  // fresh database sees the row its first step just wrote).
  const meta = tx.objectStore('meta');
  meta
    .get(VAULT_META_ROW_ID)
    .then((row) => meta.put({ id: VAULT_META_ROW_ID, createdAt: now, ...row, schemaVersion: newVersion }))
    .catch(() => {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: nothing left to undo.
      }
    });
}

/** Marks the accounts as changed (see `VaultMetaRow.revision`); its own small transaction. */
export async function bumpRevision(db: VaultDb): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = await tx.store.get(VAULT_META_ROW_ID);
  if (meta) await tx.store.put({ ...meta, revision: (meta.revision ?? 0) + 1 });
  await tx.done;
}
