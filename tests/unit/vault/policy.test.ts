import { describe, expect, it } from 'vitest';
import { exportAccountUri, exportBackup, exportMigrationList, exportOtpauthList } from '@/lib/backup';
import { PolicyError, type ManagedPolicy } from '@/lib/policy';
import { SEED_SHA1, rejection, setUpVault, totp } from './helpers';

/** A policy the test can change between calls, as an administrator would. */
function adjustablePolicy(initial: ManagedPolicy = {}) {
  let current = initial;
  return { policy: async () => current, set: (next: ManagedPolicy) => (current = next) };
}

describe('vault under the managed policy', () => {
  it('stores a new account device-bound under deviceBoundOnly, whatever the request says', async () => {
    const admin = adjustablePolicy({ deviceBoundOnly: true });
    const { vault, db } = await setUpVault({ policy: admin.policy });

    const single = await vault.add(totp({ deviceBound: false }));
    const [batch] = await vault.addMany([totp({ account: 'batch', deviceBound: false })]);
    if (single.status !== 'added' || batch?.status !== 'added') throw new Error('not added');

    for (const id of [single.account.id, batch.account.id]) {
      const record = (await db.get('accounts', id))!;
      expect(record.deviceBound).toBe(true);
      expect(record.secret.alg).toBe('device-bound');
    }
  });

  it('leaves the choice to the user without the policy', async () => {
    const { vault } = await setUpVault({ policy: adjustablePolicy().policy });
    const result = await vault.add(totp({ deviceBound: false }));
    expect(result.status === 'added' && result.account.deviceBound).toBe(false);
  });

  it.each([
    [{ disableExport: true }, 'export-disabled'],
    [{ deviceBoundOnly: true }, 'device-bound-only'],
  ] as Array<[ManagedPolicy, string]>)(
    'refuses exportableSecret of an account added before %j (code %s)',
    async (policy, code) => {
      const admin = adjustablePolicy();
      const { vault } = await setUpVault({ policy: admin.policy });
      const added = await vault.add(totp());
      if (added.status !== 'added') throw new Error('not added');
      // Exportable before the policy: the gate is the policy, not the account.
      expect(await vault.exportableSecret(added.account.id)).toEqual(SEED_SHA1);

      admin.set(policy);
      const error = await rejection(vault.exportableSecret(added.account.id));

      expect(error).toBeInstanceOf(PolicyError);
      expect(error.code).toBe(code);
    },
  );

  it('makes every export path fail rather than skip the account', async () => {
    const admin = adjustablePolicy();
    const { vault } = await setUpVault({ policy: admin.policy });
    const added = await vault.add(totp());
    if (added.status !== 'added') throw new Error('not added');
    admin.set({ disableExport: true });

    expect((await rejection(exportOtpauthList(vault))).code).toBe('export-disabled');
    expect((await rejection(exportMigrationList(vault))).code).toBe('export-disabled');
    expect((await rejection(exportAccountUri(vault, added.account.id))).code).toBe('export-disabled');
    expect((await rejection(exportBackup(vault, 'a long backup passphrase'))).code).toBe(
      'export-disabled',
    );
  });
});
