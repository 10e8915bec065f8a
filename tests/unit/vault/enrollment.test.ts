import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createVault, openVaultDb } from '@/lib/vault';
import { createMemorySessionStore, createVaultLock } from '@/lib/vault/lock';
import { rejection, setUpVault, totp } from './helpers';

const CLIENT_PART = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const ORIGIN = 'https://pi.example.com';

function twoStep(deviceBound = true) {
  return totp({ issuer: 'privacyIDEA', account: 'TOTP0001', deviceBound, enrollment: { kind: 'two-step', origin: ORIGIN, clientPart: new Uint8Array(CLIENT_PART) } });
}

function hasBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('vault pending two-step enrollment', () => {
  it('stores the client part sealed with the account, in the same record, and says only that a step is pending', async () => {
    const { vault, db } = await setUpVault();
    const result = await vault.add(twoStep());
    if (result.status !== 'added') throw new Error('not added');

    expect(result.account.enrollment).toEqual({ kind: 'two-step', origin: ORIGIN });
    const record = (await db.get('accounts', result.account.id))!;
    expect(record.enrollment).toMatchObject({ kind: 'two-step', origin: ORIGIN, part: { v: 1, alg: 'A256GCM' } });
    expect(hasBytes(record.enrollment!.part.ct, CLIENT_PART)).toBe(false);
    expect(JSON.stringify((await vault.list())[0])).not.toContain('part');
    expect(Array.from(await vault.enrollmentPart(result.account.id))).toEqual(Array.from(CLIENT_PART));
  });

  it('keeps an account device-bound: its secret is never exportable, the pending part notwithstanding', async () => {
    const { vault } = await setUpVault();
    const result = await vault.add(twoStep());
    if (result.status !== 'added') throw new Error('not added');
    expect((await rejection(vault.exportableSecret(result.account.id))).code).toBe('device-bound');
  });

  it('finishEnrollment deletes the part for good; asking again says there is none', async () => {
    const { vault, db } = await setUpVault();
    const result = await vault.add(twoStep(false));
    if (result.status !== 'added') throw new Error('not added');

    const meta = await vault.finishEnrollment(result.account.id);

    expect(meta.enrollment).toBeUndefined();
    expect((await db.get('accounts', result.account.id))!.enrollment).toBeUndefined();
    expect((await rejection(vault.enrollmentPart(result.account.id))).code).toBe('no-enrollment');
    expect((await vault.finishEnrollment(result.account.id)).enrollment).toBeUndefined();
  });

  it('refuses a bad enrollment step before writing anything', async () => {
    const { vault } = await setUpVault();
    const empty = totp({ enrollment: { kind: 'two-step', origin: ORIGIN, clientPart: new Uint8Array() } });
    const path = totp({ enrollment: { kind: 'two-step', origin: `${ORIGIN}/enroll`, clientPart: new Uint8Array(CLIENT_PART) } });
    expect((await rejection(vault.add(empty))).code).toBe('invalid-enrollment');
    expect((await rejection(vault.add(path))).code).toBe('invalid-enrollment');
    expect(await vault.list()).toEqual([]);
  });

  it('stores a fill page only if it is https or this computer: a plain-http page is refused (#14.2)', async () => {
    const { vault } = await setUpVault();
    const step = (origin: string) => totp({ enrollment: { kind: 'two-step', origin, clientPart: new Uint8Array(CLIENT_PART) } });
    const refused = await rejection(vault.add(step('http://pi.example.com')));
    expect(refused.code).toBe('invalid-enrollment');
    expect(refused.message).toMatch(/https/i);
    expect(await vault.list()).toEqual([]);
    expect((await vault.add(step('http://localhost:8080')) as { account: { enrollment?: unknown } }).account.enrollment).toEqual({ kind: 'two-step', origin: 'http://localhost:8080' });
  });

  it('re-seals the part when a passphrase is set and removed, so it stays readable', async () => {
    const db = await openVaultDb(new IDBFactory());
    const lock = createVaultLock({ db, session: createMemorySessionStore() });
    const vault = () => createVault({ db, keyProvider: lock.keyProvider });
    const result = await vault().add(twoStep());
    if (result.status !== 'added') throw new Error('not added');
    const sealedBefore = (await db.get('accounts', result.account.id))!.enrollment!.part;

    await lock.setPassphrase('correct horse battery');
    expect((await db.get('accounts', result.account.id))!.enrollment!.part.iv).not.toEqual(sealedBefore.iv);
    expect(Array.from(await vault().enrollmentPart(result.account.id))).toEqual(Array.from(CLIENT_PART));

    await lock.removePassphrase('correct horse battery');
    expect(Array.from(await vault().enrollmentPart(result.account.id))).toEqual(Array.from(CLIENT_PART));
  });
});
