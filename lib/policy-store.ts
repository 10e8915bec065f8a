/**
 * Keeps the last managed policy the worker read in the extension's own IndexedDB (`tessera-policy`),
 * which no content script or page can write (unlike `storage.local`). Its own small database, so
 * it opens beside the vault's without a vault migration. Read by `lib/policy-source.ts`.
 */
import { type DBSchema, type IDBPDatabase, wrap } from 'idb';
import type { PolicyStore } from './policy-source';

export const POLICY_DB_NAME = 'tessera-policy';
const ROW = 'last';

interface PolicyDbSchema extends DBSchema {
  managed: { key: string; value: { raw: unknown; savedAt: number } };
}

function open(idbFactory: IDBFactory): Promise<IDBPDatabase<PolicyDbSchema>> {
  return new Promise((resolve, reject) => {
    const request = idbFactory.open(POLICY_DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('managed');
    request.onsuccess = () => resolve(wrap(request.result) as unknown as IDBPDatabase<PolicyDbSchema>);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the policy database is blocked by an older connection'));
  });
}

export function createPolicyStore(idbFactory: IDBFactory | null | undefined = globalThis.indexedDB, now = Date.now): PolicyStore {
  let db: Promise<IDBPDatabase<PolicyDbSchema>> | null = null;
  const database = () => {
    if (!idbFactory) return Promise.reject(new Error('IndexedDB is not available'));
    db ??= open(idbFactory).catch((error: unknown) => {
      db = null;
      throw error;
    });
    return db;
  };
  return {
    async load() {
      return (await (await database()).get('managed', ROW))?.raw;
    },
    async save(raw) {
      await (await database()).put('managed', { raw, savedAt: now() }, ROW);
    },
  };
}
