/** Owns the account records in IndexedDB: reads (with the records cache), one-transaction writes, and plain edits. */
import type { IDBPTransaction } from 'idb';
import { TesseraError } from '@/lib/errors';
import { AccountNotFoundError, VaultInputError, VaultUnavailableError } from './errors';
import { bumpRevision, VAULT_META_ROW_ID, type VaultDb, type VaultDbSchema } from './schema';
import type { AccountMeta, AccountRecord, AccountUpdate } from './types';
import { canonicalGroup, validateUpdate } from './validate';

export type AccountsTx<Mode extends IDBTransactionMode> = IDBPTransaction<VaultDbSchema, ['accounts'], Mode>;

/** The storage every other part of the vault reads and writes through. */
export interface RecordStore {
  readonly db: Promise<VaultDb>;
  /** Every record, from the cache when no writer (this instance or another) changed them since. */
  readAll(db: VaultDb): Promise<AccountRecord[]>;
  /** One record. Throws `TypeError` (malformed id), `AccountNotFoundError`. */
  readRecord(db: VaultDb, id: string): Promise<AccountRecord>;
  /** A read-write transaction on the accounts; the cached records are dropped around it. */
  writeTransaction<T>(db: VaultDb, body: (tx: AccountsTx<'readwrite'>) => Promise<T>): Promise<T>;
  /** Drops the cache; with `db`, also tells other instances (best effort: the write already committed). */
  recordsChanged(db?: VaultDb): Promise<void>;
}

/**
 * The records as last read, so a popup asking for codes every step costs one small read
 * instead of all of them. Each write bumps a revision in the meta row (after its commit);
 * a read compares revisions, so a write by any other vault instance is seen as well.
 */
export function createRecordStore(db: Promise<VaultDb>, onChange?: () => void): RecordStore {
  /**
   * The read of every record, kept from the moment it starts: callers that find the same revision
   * and generation share it, done or under way. A worker woken by a popup gets its list and its
   * site ("This site") at once, and both used to read every record (with 200 accounts the second
   * read delayed the site's answer by ~15 ms). A write drops it (`recordsChanged`).
   */
  let recordsCache: { revision: number; generation: number; records: Promise<AccountRecord[]> } | null = null;
  let generation = 0;

  async function recordsChanged(db?: VaultDb): Promise<void> {
    generation += 1;
    recordsCache = null;
    onChange?.();
    if (db) await bumpRevision(db).catch(() => undefined);
  }

  return {
    db,
    async readAll(db) {
      const started = generation;
      const revision = (await db.get('meta', VAULT_META_ROW_ID))?.revision ?? 0;
      if (recordsCache && recordsCache.revision === revision && recordsCache.generation === started) return recordsCache.records;
      const entry = { revision, generation: started, records: db.getAll('accounts') };
      // Started before a write (the generation moved on while the revision was read): not kept.
      if (started === generation) recordsCache = entry;
      try {
        return await entry.records;
      } catch (error) {
        if (recordsCache === entry) recordsCache = null;
        throw error;
      }
    },
    async readRecord(db, id) {
      assertId(id);
      const record = await db.get('accounts', id);
      if (!record) throw new AccountNotFoundError();
      return record;
    },
    async writeTransaction(db, body) {
      void recordsChanged();
      let result;
      try {
        result = await inTransaction(db, 'readwrite', body);
      } finally {
        void recordsChanged();
      }
      await recordsChanged(db);
      return result;
    },
    recordsChanged,
  };
}

/** The plain edits: listing, relabelling, reordering, marking used. */
export function createRecordMethods(records: RecordStore, now: () => number) {
  return {
    list: async (): Promise<AccountMeta[]> => sortRecords(await records.readAll(await records.db)).map(toMeta),

    get: async (id: string): Promise<AccountMeta> => toMeta(await records.readRecord(await records.db, id)),

    update: async (id: string, patch: AccountUpdate): Promise<AccountMeta> => {
      assertId(id);
      const changes = validateUpdate(patch);
      const db = await records.db;
      const record = await records.writeTransaction(db, async (tx) => {
        const old = await tx.store.get(id);
        if (!old) throw new AccountNotFoundError();
        if (changes.counter !== undefined && old.kind !== 'hotp') {
          throw new VaultInputError('not-hotp', 'This account does not use counters.');
        }
        if (changes.group) changes.group = canonicalGroup(changes.group, (await tx.store.getAll()).map((r) => r.group));
        const next: AccountRecord = { ...old, ...changes, updatedAt: Math.max(now(), old.updatedAt + 1) };
        // A corrected counter: the code shown last no longer belongs to it.
        if (changes.counter !== undefined && changes.counter !== old.counter) delete next.hotpShown;
        await tx.store.put(next);
        return next;
      });
      return toMeta(record);
    },

    /** `ids` first, in that order; accounts not named keep their relative order after them. */
    reorder: async (ids: readonly string[]): Promise<void> => {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string') || new Set(ids).size !== ids.length) {
        throw new VaultInputError('invalid-order', 'The new order must list distinct account ids.');
      }
      const db = await records.db;
      await records.writeTransaction(db, async (tx) => {
        const all = sortRecords(await tx.store.getAll());
        const byId = new Map(all.map((r) => [r.id, r]));
        const named = ids.map((id) => {
          const record = byId.get(id);
          if (!record) throw new AccountNotFoundError();
          return record;
        });
        const rest = all.filter((r) => !ids.includes(r.id)).sort((a, b) => a.order - b.order);
        const writes: Promise<unknown>[] = [];
        [...named, ...rest].forEach((record, order) => {
          if (record.order !== order) writes.push(tx.store.put({ ...record, order }));
        });
        await Promise.all(writes);
      });
    },

    markUsed: async (id: string): Promise<void> => {
      assertId(id);
      const db = await records.db;
      await records.writeTransaction(db, async (tx) => {
        const record = await tx.store.get(id);
        if (!record) throw new AccountNotFoundError();
        await tx.store.put({ ...record, lastUsedAt: now() });
      });
    },
  };
}

/** Field by field, so nothing added to records later can leak to the UI by accident. */
export function toMeta(record: AccountRecord): AccountMeta {
  const meta: AccountMeta = {
    id: record.id,
    kind: record.kind,
    issuer: record.issuer,
    account: record.account,
    algorithm: record.algorithm,
    digits: record.digits,
    sites: record.sites.map((site) => ({ ...site })),
    pinned: record.pinned,
    order: record.order,
    deviceBound: record.deviceBound,
    secretBits: record.secretBits,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  if (record.period !== undefined) meta.period = record.period;
  if (record.counter !== undefined) meta.counter = record.counter;
  if (record.hotpShown && record.kind === 'hotp') meta.hotpShown = true;
  if (record.lastUsedAt !== undefined) meta.lastUsedAt = record.lastUsedAt;
  if (record.submitAfterFill) meta.submitAfterFill = true;
  if (record.group) meta.group = record.group;
  if (record.enrollment) meta.enrollment = { kind: record.enrollment.kind, origin: record.enrollment.origin };
  return meta;
}

/** Pinned first, then the user's order; ties (possible after a restore) by creation, then id. */
export function sortRecords<T extends Pick<AccountMeta, 'id' | 'pinned' | 'order' | 'createdAt'>>(records: T[]): T[] {
  return [...records].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.order - b.order ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Runs `body` in one transaction and waits for the commit. `body` must await only requests of
 * `tx`; if it throws, the transaction is aborted so nothing it issued is committed.
 */
async function inTransaction<T, Mode extends IDBTransactionMode>(
  db: VaultDb,
  mode: Mode,
  body: (tx: AccountsTx<Mode>) => Promise<T>,
): Promise<T> {
  const tx: AccountsTx<Mode> = db.transaction(['accounts'], mode);
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already committed or aborted.
    }
    throw error;
  }
}

const STORAGE_FAILURES = new Set([
  'InvalidStateError',
  'TransactionInactiveError',
  'QuotaExceededError',
  'UnknownError',
  'AbortError',
  'DataCloneError',
  'ReadOnlyError',
  'VersionError',
]);

/** IndexedDB failures become the blocking `storage-unavailable`; our own typed errors pass through. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    const name = (error as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && STORAGE_FAILURES.has(name)) {
      throw new VaultUnavailableError('storage-unavailable', 'The vault database failed.', { cause: error });
    }
    throw error;
  }
}

export function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('id must be a non-empty string');
}
