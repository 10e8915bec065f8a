/** Owns the trash: delete with an undo token, restore, and the purge once the undo window has passed. */
import type { CodeCache } from './codes';
import { AccountNotFoundError } from './errors';
import { assertId, toMeta, type RecordStore } from './records';
import type { AccountMeta } from './types';

export function createTrashMethods(records: RecordStore, cache: CodeCache, now: () => number) {
  return {
    /**
     * Moves an account to the trash in one transaction and returns the token that undoes it.
     * Trashed accounts are invisible to every read, export included, and purged after the undo window.
     */
    trash: async (id: string): Promise<string> => {
      assertId(id);
      const db = await records.db;
      void records.recordsChanged();
      const tx = db.transaction(['accounts', 'trash'], 'readwrite');
      const record = await tx.objectStore('accounts').get(id);
      if (!record) {
        tx.abort();
        tx.done.catch(() => undefined);
        throw new AccountNotFoundError();
      }
      await Promise.all([
        tx.objectStore('accounts').delete(id),
        tx.objectStore('trash').put({ id, record, deletedAt: now() }),
        tx.done,
      ]);
      await records.recordsChanged(db);
      cache.forget(id);
      return id;
    },

    /** Puts a trashed account back; idempotent, and refused once the trash was purged. */
    untrash: async (token: string): Promise<AccountMeta> => {
      assertId(token);
      const db = await records.db;
      void records.recordsChanged();
      const tx = db.transaction(['accounts', 'trash'], 'readwrite');
      const [row, present] = await Promise.all([tx.objectStore('trash').get(token), tx.objectStore('accounts').get(token)]);
      if (!row) {
        await tx.done;
        if (present) return toMeta(present);
        throw new AccountNotFoundError();
      }
      const restored = present ?? row.record;
      await Promise.all([
        present ? Promise.resolve() : tx.objectStore('accounts').add(row.record),
        tx.objectStore('trash').delete(token),
        tx.done,
      ]);
      await records.recordsChanged(db);
      return toMeta(restored);
    },

    /** Deletes for good every trashed account older than `maxAgeMs`; returns how many. */
    purgeTrash: async (maxAgeMs: number): Promise<number> => {
      const db = await records.db;
      const tx = db.transaction('trash', 'readwrite');
      const expired = await tx.store.index('by-deleted-at').getAllKeys(IDBKeyRange.upperBound(now() - maxAgeMs));
      await Promise.all([...expired.map((key) => tx.store.delete(key)), tx.done]);
      return expired.length;
    },
  };
}
