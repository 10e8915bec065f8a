import { describe, expect, it } from 'vitest';
import { SEED_SHA256, added, rejection, setUpVault, totp } from './helpers';

describe('vault groups', () => {
  it('stores a group given at add and leaves an account without one in none', async () => {
    const { vault } = await setUpVault();

    const work = added(await vault.add(totp({ group: 'Work' })));
    const plain = added(await vault.add(totp({ issuer: 'Other' })));

    expect(work.group).toBe('Work');
    expect('group' in plain).toBe(false);
    expect((await vault.list()).map((a) => a.group)).toEqual(['Work', undefined]);
  });

  it('cleans a name: format characters dropped, spaces collapsed and trimmed', async () => {
    const { vault } = await setUpVault();
    // U+202E (right-to-left override) and U+200B (zero-width space) are format characters.
    const account = added(await vault.add(totp({ group: '  \u202eHome\u200b   banking ' })));
    expect(account.group).toBe('Home banking');
  });

  it.each([
    ['a control character', 'Work\u0007'],
    ['a C1 control character', 'Work\u0085x'],
    ['33 characters', 'x'.repeat(33)],
    ['a number', 42],
  ])('refuses a group with %s and writes nothing', async (_what, group) => {
    const { vault } = await setUpVault();
    const error = await rejection(vault.add(totp({ group: group as string })));
    expect(error.code).toBe('invalid-group');
    expect(await vault.list()).toEqual([]);
  });

  it('accepts 32 characters counted as the user sees them (an emoji is one)', async () => {
    const { vault } = await setUpVault();
    const name = `${'x'.repeat(31)}\u{1F4BC}`;
    expect(added(await vault.add(totp({ group: name }))).group).toBe(name);
  });

  it('treats an empty or blank name as no group', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ group: '   ' })));
    expect('group' in account).toBe(false);
  });

  it('joins an existing group whatever the case, at add, within a batch and at update', async () => {
    const { vault } = await setUpVault();
    added(await vault.add(totp({ group: 'Work' })));

    const batch = await vault.addMany([
      totp({ issuer: 'A', group: 'WORK' }),
      totp({ issuer: 'B', group: 'family' }),
      totp({ issuer: 'C', group: 'Family' }),
    ]);
    const other = added(await vault.add(totp({ issuer: 'D' })));
    const updated = await vault.update(other.id, { group: 'wOrK' });

    expect(batch.map((r) => added(r).group)).toEqual(['Work', 'family', 'family']);
    expect(updated.group).toBe('Work');
  });

  it('takes an account out of its group with null, and keeps the group when a patch does not name it', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ group: 'Work' })));

    const renamed = await vault.update(account.id, { issuer: 'Renamed' });
    const removed = await vault.update(account.id, { group: null });

    expect(renamed.group).toBe('Work');
    expect('group' in removed).toBe(false);
  });

  it('refuses a bad group at update and changes nothing', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ group: 'Work' })));

    const error = await rejection(vault.update(account.id, { issuer: 'Changed', group: 'x'.repeat(40) }));

    expect(error.code).toBe('invalid-group');
    expect(await vault.get(account.id)).toMatchObject({ issuer: 'Example', group: 'Work' });
  });

  it('a replacement keeps the old group unless the new entry names one', async () => {
    const { vault } = await setUpVault();
    const first = added(await vault.add(totp({ group: 'Work' })));

    const kept = added(await vault.add(totp({ secret: SEED_SHA256.slice(1, 21) }), { onConflict: 'replace' }));
    const moved = added(await vault.add(totp({ secret: SEED_SHA256, group: 'Home' }), { onConflict: 'replace' }));

    expect(kept).toMatchObject({ id: first.id, group: 'Work' });
    expect(moved).toMatchObject({ id: first.id, group: 'Home' });
  });

  it('a deleted and restored account keeps its group', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ group: 'Work' })));
    const token = await vault.trash(account.id);
    expect((await vault.untrash(token)).group).toBe('Work');
  });
});
