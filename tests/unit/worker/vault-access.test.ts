import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createVaultAccess } from '@/lib/worker';
import type { ManagedPolicy } from '@/lib/policy';
import { openVaultDb } from '@/lib/vault';
import { createMemorySessionStore } from '@/lib/vault/lock';
import { rejection, totp } from '../vault/helpers';

async function setUp(policy: ManagedPolicy) {
  const db = await openVaultDb(new IDBFactory());
  return createVaultAccess(createMemorySessionStore(), async () => db, undefined, { current: async () => policy, enforced: async () => policy });
}

describe('vault access under requirePassphrase', () => {
  it('refuses every vault use while no passphrase is set', async () => {
    const access = await setUp({ requirePassphrase: true });

    const error = await rejection(access());

    expect(error.code).toBe('passphrase-required');
    expect(error.message).toMatch(/organisation requires a passphrase/);
  });

  it('opens once the passphrase is set (the lock itself stays reachable to set it)', async () => {
    const access = await setUp({ requirePassphrase: true });
    await (await access.lock()).setPassphrase('correct horse battery');
    access.forget();

    const vault = await access();
    const added = await vault.add(totp());

    expect(added.status).toBe('added');
  });

  it('opens without the policy', async () => {
    const access = await setUp({});
    await expect(access()).resolves.toBeDefined();
  });

  it('passes the policy into the vault (device-bound only)', async () => {
    const access = await setUp({ deviceBoundOnly: true });
    const added = await (await access()).add(totp({ deviceBound: false }));
    expect(added.status === 'added' && added.account.deviceBound).toBe(true);
  });
});
