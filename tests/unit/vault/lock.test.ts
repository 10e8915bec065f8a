import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createVault, openVaultDb } from '@/lib/vault';
import { createMemorySessionStore, createVaultLock, unlockDelayMs } from '@/lib/vault/lock';
import { VAULT_META_ROW_ID } from '@/lib/vault/schema';
import { SEED_SHA1, SEED_SHA256, rejection, totp } from './helpers';

// RFC 6238 Appendix B at T = 59 s (6-digit forms of the published 8-digit values).
const SHA1_AT_59 = '287082';
const SHA256_AT_59 = '119246';

async function setUp() {
  let clock = 1_000_000;
  const db = await openVaultDb(new IDBFactory());
  const session = createMemorySessionStore();
  const lock = createVaultLock({ db, session, now: () => clock });
  const vault = () => createVault({ db, keyProvider: lock.keyProvider, now: () => clock });
  const first = vault();
  await first.add(totp({ account: 'sha1' }));
  await first.add(totp({ account: 'sha256', secret: SEED_SHA256, algorithm: 'SHA256' }));
  return { db, session, lock, vault, advance: (ms: number) => (clock += ms) };
}

async function codesAt59(vault: ReturnType<typeof createVault>): Promise<string[]> {
  return (await vault.codes(59_000)).map((c) => ('current' in c ? c.current : c.error));
}

describe('vault lock', () => {
  it('sets a passphrase: records are re-sealed under a data key that is on disk only sealed', async () => {
    const { db, lock, vault } = await setUp();
    const before = await db.getAll('accounts');

    await lock.setPassphrase('correct horse battery');

    expect(await lock.mode()).toBe('passphrase');
    const keys = await db.getAll('keys');
    expect(keys.map((k) => k.id)).toEqual(['passphrase']);
    // No CryptoKey is stored any more: the only key material is the passphrase envelope.
    expect(keys.some((k) => 'key' in k)).toBe(false);
    const after = await db.getAll('accounts');
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    after.forEach((record, i) => expect(record.secret).not.toEqual(before[i]!.secret));
    expect(await codesAt59(vault())).toEqual([SHA1_AT_59, SHA256_AT_59]);
  });

  it('locks: nothing decrypts until the right passphrase, and a wrong one says so', async () => {
    const { lock, vault } = await setUp();
    await lock.setPassphrase('correct horse battery');
    await lock.lock();

    expect(await lock.isLocked()).toBe(true);
    expect((await rejection(vault().codes(59_000))).code).toBe('locked');
    expect((await rejection(vault().add(totp({ account: 'new', secret: SEED_SHA256 })))).code).toBe('locked');
    expect((await rejection(lock.unlock('wrong horse battery'))).code).toBe('wrong-passphrase');

    await lock.unlock('correct horse battery');
    expect(await lock.isLocked()).toBe(false);
    // A fresh vault instance (a restarted worker) reads the key from the session.
    expect(await codesAt59(vault())).toEqual([SHA1_AT_59, SHA256_AT_59]);
  });

  it('slows down repeated wrong passphrases without ever locking the owner out', async () => {
    const { lock, advance } = await setUp();
    await lock.setPassphrase('correct horse battery');
    await lock.lock();
    for (let i = 0; i < 3; i++) expect((await rejection(lock.unlock(`wrong ${i} attempt`))).code).toBe('wrong-passphrase');
    expect((await rejection(lock.unlock('correct horse battery'))).code).toBe('too-many-attempts');
    advance(1_000);
    expect((await rejection(lock.unlock('still wrong!'))).code).toBe('wrong-passphrase');
    expect((await rejection(lock.unlock('correct horse battery'))).code).toBe('too-many-attempts');
    advance(2_000);
    await lock.unlock('correct horse battery');
    expect(await lock.isLocked()).toBe(false);
    expect([0, 1, 2, 3, 4, 5, 10, 100].map(unlockDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 60_000, 60_000]);
  });

  it('throttles N concurrent wrong passphrases exactly as N sequential ones (the count is taken before deriving)', async () => {
    const attempts = 12;
    const outcomes = async (concurrent: boolean) => {
      const { db, lock } = await setUp();
      await lock.setPassphrase('correct horse battery');
      await lock.lock();
      const tries = Array.from({ length: attempts }, (_, i) => () => rejection(lock.unlock(`wrong attempt ${i}`)));
      const errors = concurrent ? await Promise.all(tries.map((t) => t())) : [];
      if (!concurrent) for (const t of tries) errors.push(await t());
      const meta = await db.get('meta', VAULT_META_ROW_ID);
      return { codes: errors.map((e) => e.code).sort(), failedUnlocks: meta?.failedUnlocks };
    };
    const sequential = await outcomes(false);
    const concurrent = await outcomes(true);
    // The clock does not move: three free tries, every later one waits for the delay.
    const expected = [...Array(attempts - 3).fill('too-many-attempts'), ...Array(3).fill('wrong-passphrase')].sort();
    expect(sequential.codes).toEqual(expected);
    expect(sequential.failedUnlocks).toBe(3);
    expect(concurrent).toEqual(sequential);
    // Eight PBKDF2 derivations at the 600,000-iteration floor: seconds on a busy machine.
  }, 60_000);

  it('changes the passphrase: the old one stops working, codes stay the same', async () => {
    const { lock, vault } = await setUp();
    await lock.setPassphrase('correct horse battery');
    expect((await rejection(lock.changePassphrase('not the one!', 'a new passphrase'))).code).toBe('wrong-passphrase');
    await lock.changePassphrase('correct horse battery', 'a new passphrase');
    await lock.lock();
    expect((await rejection(lock.unlock('correct horse battery'))).code).toBe('wrong-passphrase');
    await lock.unlock('a new passphrase');
    expect(await codesAt59(vault())).toEqual([SHA1_AT_59, SHA256_AT_59]);
  });

  it('removes the passphrase: back to a device key, codes unchanged, no session needed', async () => {
    const { db, lock, vault } = await setUp();
    await lock.setPassphrase('correct horse battery');
    await lock.removePassphrase('correct horse battery');
    expect(await lock.mode()).toBe('device');
    expect((await db.getAll('keys')).map((k) => k.id)).toEqual(['device']);
    await lock.lock();
    expect(await lock.isLocked()).toBe(false);
    expect(await codesAt59(vault())).toEqual([SHA1_AT_59, SHA256_AT_59]);
  });

  it('refuses a short passphrase and changes nothing', async () => {
    const { db, lock } = await setUp();
    const before = await db.getAll('accounts');
    expect((await rejection(lock.setPassphrase('short'))).code).toBe('weak-passphrase');
    expect(await lock.mode()).toBe('device');
    expect(await db.getAll('accounts')).toEqual(before);
  });

  it('leaves the old state, still openable, when interrupted before the commit', async () => {
    const db = await openVaultDb(new IDBFactory());
    const session = createMemorySessionStore();
    let calls = 0;
    // Randomness fails part-way through (as a worker stopped mid-way would): no commit happens.
    const failingRandom = (length: number) => {
      calls += 1;
      if (calls > 3) throw new Error('stopped');
      return crypto.getRandomValues(new Uint8Array(length));
    };
    const vault = createVault({ db });
    await vault.add(totp());
    await vault.add(totp({ account: 'second', secret: SEED_SHA256, algorithm: 'SHA256' }));
    const interrupted = createVaultLock({ db, session, randomBytes: failingRandom });
    await expect(interrupted.setPassphrase('correct horse battery')).rejects.toThrow('stopped');

    const lock = createVaultLock({ db, session: createMemorySessionStore() });
    expect(await lock.mode()).toBe('device');
    expect(await codesAt59(createVault({ db, keyProvider: lock.keyProvider }))).toEqual([SHA1_AT_59, SHA256_AT_59]);
  });

  it('refuses to commit when accounts changed during the re-seal', async () => {
    const { lock, vault, db } = await setUp();
    // An account added between the read and the commit makes the commit refuse, not lose it.
    const racing = lock.setPassphrase('correct horse battery');
    await vault().add(totp({ account: 'late', secret: SEED_SHA1 }));
    const outcome = await racing.then(
      () => 'committed',
      (error: { code?: string }) => error.code,
    );
    if (outcome === 'committed') {
      // The add won the race before the read: then it was re-sealed with the rest.
      expect(await codesAt59(vault())).toHaveLength(3);
    } else {
      expect(outcome).toBe('concurrent-modification');
      expect(await lock.mode()).toBe('device');
      expect(await db.count('accounts')).toBe(3);
    }
  });

  it('seals device-bound accounts added in passphrase mode, and still never exports them', async () => {
    const { db, lock, vault } = await setUp();
    await lock.setPassphrase('correct horse battery');
    const added = await vault().add(totp({ account: 'bound', secret: SEED_SHA1, deviceBound: true }));
    if (added.status !== 'added') throw new Error('not added');
    const record = await db.get('accounts', added.account.id);
    expect(record!.deviceBound).toBe(true);
    // No CryptoKey on disk for it: an envelope under the data key, like every other secret.
    expect(record!.secret.alg).toBe('A256GCM');
    expect((await rejection(vault().exportableSecret(added.account.id))).code).toBe('device-bound');
    const codes = await vault().codes(59_000);
    expect(codes.find((c) => c.id === added.account.id)).toMatchObject({ current: SHA1_AT_59 });
    await lock.lock();
    expect((await rejection(vault().codes(59_000))).code).toBe('locked');
  });
});
