import type { DeviceKeyRow } from '@/lib/vault/schema';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createVault, openVaultDb } from '@/lib/vault';
import { rejection, setUpVault, totp } from './helpers';

describe('vault device key', () => {
  it('creates the key once on first run, in one write with its check, and reuses it', async () => {
    const { vault, db } = await setUpVault();

    expect(await vault.status()).toEqual({ state: 'empty' });
    const first = await db.getAll('keys');
    // Concurrent first-run calls from several instances still leave exactly one key.
    await Promise.all([vault.status(), createVault({ db }).status(), createVault({ db }).status()]);
    const after = await db.getAll('keys');

    expect(first).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]!.keyId).toBe(first[0]!.keyId);
    expect(after[0]!.check).toMatchObject({ v: 1, alg: 'A256GCM' });
    expect(await db.get('meta', 'vault')).toMatchObject({ mode: 'device', schemaVersion: 3 });
  });

  it('stores a non-extractable key that exportKey refuses after a round trip through IndexedDB', async () => {
    const { vault, db } = await setUpVault();
    await vault.status();

    const [stored] = await db.getAll('keys');
    const row = stored?.id === 'device' ? stored : undefined;

    expect(row!.key).toBeInstanceOf(CryptoKey);
    expect(row!.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', row!.key)).rejects.toThrow();
  });

  it('reports ready once accounts exist', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp());
    expect(await vault.status()).toEqual({ state: 'ready' });
  });

  it('reports device-key-missing when the key row is gone, leaves records alone and never makes a new key', async () => {
    const { vault, db } = await setUpVault();
    await vault.add(totp());
    const before = await db.getAll('accounts');
    await db.delete('keys', 'device');
    const restarted = createVault({ db });

    expect((await rejection(restarted.status())).code).toBe('device-key-missing');
    expect((await rejection(restarted.add(totp({ account: 'other' })))).code).toBe('device-key-missing');
    expect((await rejection(restarted.exportableSecret(before[0]!.id))).code).toBe('device-key-missing');
    expect((await rejection(restarted.codes(59_000))).code).toBe('device-key-missing');
    expect(await db.getAll('keys')).toEqual([]);
    expect(await db.getAll('accounts')).toEqual(before);
  });

  it('reports device-key-unusable when the stored key does not open its check', async () => {
    const { vault, db } = await setUpVault();
    await vault.add(totp());
    const row = (await db.get('keys', 'device')) as DeviceKeyRow;
    const stranger = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await db.put('keys', { ...row, key: stranger, keyId: 'replaced' });

    expect((await rejection(createVault({ db }).status())).code).toBe('device-key-unusable');
  });

  it('reports device-key-unusable when the stored key lost its type', async () => {
    const { vault, db } = await setUpVault();
    await vault.status();
    const row = (await db.get('keys', 'device')) as DeviceKeyRow;
    await db.put('keys', { ...row, key: {} as CryptoKey, keyId: 'lost' });

    expect((await rejection(createVault({ db }).status())).code).toBe('device-key-unusable');
  });

  it('reports storage-unavailable when IndexedDB cannot be opened, for every call', async () => {
    const broken = { open: () => { throw new DOMException('disabled', 'InvalidStateError'); } } as unknown as IDBFactory;
    const opening = openVaultDb(broken);
    const vault = createVault({ db: opening });

    expect((await rejection(opening)).code).toBe('storage-unavailable');
    expect((await rejection(vault.status())).code).toBe('storage-unavailable');
    expect((await rejection(vault.list())).code).toBe('storage-unavailable');
    expect((await rejection(openVaultDb(null))).code).toBe('storage-unavailable');
  });

  it('gives the same key across reopenings of the database (browser restart)', async () => {
    const factory = new IDBFactory();
    const db1 = await openVaultDb(factory);
    const added = await createVault({ db: db1 }).add(totp());
    db1.close();

    const db2 = await openVaultDb(factory);
    const vault = createVault({ db: db2 });

    expect(await vault.status()).toEqual({ state: 'ready' });
    if (added.status !== 'added') throw new Error('not added');
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '287082' });
  });
});
