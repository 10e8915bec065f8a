import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { VAULT_DB_NAME, VAULT_DB_VERSION, VAULT_MIGRATIONS, createVault, openVaultDb, type VaultMigration } from '@/lib/vault';
import { rejection, totp } from './helpers';

/** Stands in for a future version: a new index plus a rewrite of every record. */
const testNext: VaultMigration = (_db, tx) => {
  const accounts = tx.objectStore('accounts');
  (accounts as unknown as { createIndex(name: string, keyPath: string): void }).createIndex('by-kind', 'kind');
  void accounts.openCursor().then(function step(cursor): Promise<void> | void {
    if (!cursor) return;
    void cursor.update({ ...cursor.value, issuer: `${cursor.value.issuer} (migrated)` });
    return cursor.continue().then(step);
  });
};

describe('vault schema', () => {
  it('creates the latest version from an empty profile', async () => {
    const db = await openVaultDb(new IDBFactory(), { now: () => 1234 });

    expect(db.name).toBe(VAULT_DB_NAME);
    expect(db.version).toBe(3);
    expect(VAULT_DB_VERSION).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'keys', 'meta', 'trash']);
    expect([...db.transaction('accounts').store.indexNames]).toEqual(['by-order']);
    expect([...db.transaction('trash').store.indexNames]).toEqual(['by-deleted-at']);
    expect(await db.get('meta', 'vault')).toEqual({ id: 'vault', schemaVersion: 3, createdAt: 1234 });
  });

  it('upgrades a database written by version 1 to the latest (trash, groups), keeping accounts, key and codes', async () => {
    const factory = new IDBFactory();
    const v1 = await openVaultDb(factory, { version: 1, now: () => 1000 });
    expect([...v1.objectStoreNames].sort()).toEqual(['accounts', 'keys', 'meta']);
    const added = await createVault({ db: v1 }).add(totp());
    const keyBefore = await v1.get('keys', 'device');
    v1.close();

    const v2 = await openVaultDb(factory, { now: () => 2000 });

    expect(v2.version).toBe(3);
    expect([...v2.objectStoreNames]).toContain('trash');
    expect(await v2.get('meta', 'vault')).toMatchObject({ schemaVersion: 3, createdAt: 1000, mode: 'device' });
    expect((await v2.get('keys', 'device'))!.keyId).toBe(keyBefore!.keyId);
    const vault = createVault({ db: v2 });
    if (added.status !== 'added') throw new Error('not added');
    expect((await vault.list()).map((a) => a.id)).toEqual([added.account.id]);
    // RFC 6238 SHA1 at T=59 s (6 digits): the record still decrypts under its AAD.
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '287082' });
    // The new store works: delete and undo round-trip through it.
    await vault.trash(added.account.id);
    expect(await vault.list()).toEqual([]);
    expect((await vault.untrash(added.account.id)).id).toBe(added.account.id);
  });

  it('upgrades to a future version step by step, keeping accounts, key and codes', async () => {
    const factory = new IDBFactory();
    const v1 = await openVaultDb(factory, { now: () => 1000 });
    const added = await createVault({ db: v1 }).add(totp());
    const keyBefore = await v1.get('keys', 'device');
    v1.close();

    const v2 = await openVaultDb(factory, { migrations: [...VAULT_MIGRATIONS, testNext], now: () => 2000 });

    expect(v2.version).toBe(4);
    expect(await v2.get('meta', 'vault')).toMatchObject({ schemaVersion: 4, createdAt: 1000, mode: 'device' });
    expect((await v2.get('keys', 'device'))!.keyId).toBe(keyBefore!.keyId);
    const vault = createVault({ db: v2 });
    const [account] = await vault.list();
    if (added.status !== 'added') throw new Error('not added');
    expect(account).toMatchObject({ id: added.account.id, issuer: 'Example (migrated)' });
    // RFC 6238 SHA1 at T=59 s (6 digits): the record still decrypts under its AAD.
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '287082' });
  });

  it('migrates an empty profile straight to the latest version step by step', async () => {
    const db = await openVaultDb(new IDBFactory(), { migrations: [...VAULT_MIGRATIONS, testNext] });
    expect(db.version).toBe(4);
    expect([...db.transaction('accounts').store.indexNames].sort()).toEqual(['by-kind', 'by-order']);
    expect(await db.get('meta', 'vault')).toMatchObject({ schemaVersion: 4 });
  });

  it('leaves a database untouched when a migration step fails', async () => {
    const factory = new IDBFactory();
    const v1 = await openVaultDb(factory);
    await createVault({ db: v1 }).add(totp());
    const before = await v1.getAll('accounts');
    v1.close();
    const failing: VaultMigration = (_db, tx) => {
      tx.objectStore('accounts').clear().catch(() => undefined);
      throw new Error('step failed');
    };

    const error = await rejection(openVaultDb(factory, { migrations: [...VAULT_MIGRATIONS, failing] }));

    expect(error.code).toBe('storage-unavailable');
    const reopened = await openVaultDb(factory);
    expect(reopened.version).toBe(3);
    expect(await reopened.getAll('accounts')).toEqual(before);
  });

  it('opens a version 2 vault (no groups) at version 3: every account, code, counter and trashed account kept, all in no group', async () => {
    const factory = new IDBFactory();
    const v2 = await openVaultDb(factory, { version: 2, now: () => 1000 });
    const old = createVault({ db: v2 });
    const results = await old.addMany([
      totp(),
      totp({ issuer: 'Second', account: 'bob@example.com' }),
      { ...totp({ issuer: 'Counter' }), kind: 'hotp', counter: 7 },
      totp({ issuer: 'Deleted' }),
    ]);
    const ids = results.map((r) => (r.status === 'added' ? r.account.id : ''));
    await old.trash(ids[3]!);
    const codesBefore = await old.codes(59_000);
    // What version 2 wrote: records without a `group` field, in the list and in the trash.
    const tx = v2.transaction(['accounts', 'trash'], 'readwrite');
    for (const record of await tx.objectStore('accounts').getAll()) {
      const { group: _dropped, ...oldFormat } = record;
      await tx.objectStore('accounts').put(oldFormat as typeof record);
    }
    const trashed = (await tx.objectStore('trash').getAll())[0]!;
    const { group: _droppedToo, ...oldTrashed } = trashed.record;
    await tx.objectStore('trash').put({ ...trashed, record: oldTrashed as typeof trashed.record });
    await tx.done;
    expect((await v2.getAll('accounts')).some((r) => 'group' in r)).toBe(false);
    v2.close();

    const v3 = await openVaultDb(factory, { now: () => 2000 });

    expect(v3.version).toBe(3);
    expect(await v3.get('meta', 'vault')).toMatchObject({ schemaVersion: 3 });
    expect((await v3.getAll('accounts')).map((r) => r.group)).toEqual([null, null, null]);
    expect((await v3.get('trash', ids[3]!))!.record.group).toBeNull();
    const vault = createVault({ db: v3 });
    const listed = await vault.list();
    expect(listed.map((a) => a.issuer)).toEqual(['Example', 'Second', 'Counter']);
    expect(listed.every((a) => !('group' in a))).toBe(true);
    expect(listed[2]).toMatchObject({ kind: 'hotp', counter: 7 });
    expect(await vault.codes(59_000)).toEqual(codesBefore);
    expect((await vault.nextHotp(ids[2]!)).counter).toBe(7);
    expect(await vault.untrash(ids[3]!)).toMatchObject({ issuer: 'Deleted' });
    // And a group can be given to a migrated account.
    expect(await vault.update(ids[0]!, { group: 'Work' })).toMatchObject({ group: 'Work' });
  });

  it('refuses a database written by a newer version', async () => {
    const factory = new IDBFactory();
    (await openVaultDb(factory, { migrations: [...VAULT_MIGRATIONS, testNext] })).close();

    expect((await rejection(openVaultDb(factory))).code).toBe('vault-too-new');
  });
});
