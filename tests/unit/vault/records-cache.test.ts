import { describe, expect, it, vi } from 'vitest';
import { createVault, type VaultDb } from '@/lib/vault';
import { added, setUpVault, totp } from './helpers';

/**
 * The database, counting every read of all account records and of the revision (the meta row);
 * the first read of all records is answered only at `releaseFirstRead` (it reads at once, so it
 * holds what was there when it began).
 */
function countingReads(db: VaultDb): { db: VaultDb; accountReads: () => number; revisionReads: () => number; releaseFirstRead: () => void } {
  let reads = 0;
  let revisionReads = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const counted = new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'get') {
        return (store: string, ...rest: unknown[]) => {
          const answer = (value as (...args: unknown[]) => Promise<unknown>).call(target, store, ...rest);
          return store === 'meta' ? answer.then((row) => ((revisionReads += 1), row)) : answer;
        };
      }
      if (property !== 'getAll') return value.bind(target);
      return (store: string, ...rest: unknown[]) => {
        const answer = (value as (...args: unknown[]) => Promise<unknown>).call(target, store, ...rest);
        if (store !== 'accounts') return answer;
        reads += 1;
        return reads === 1 ? answer.then(async (records) => (await released, records)) : answer;
      };
    },
  });
  return { db: counted, accountReads: () => reads, revisionReads: () => revisionReads, releaseFirstRead: release };
}

describe('the records cache', () => {
  it('lets reads that start together share one read of every record', async () => {
    const { db, vault } = await setUpVault();
    added(await vault.add(totp({ issuer: 'One' })));
    added(await vault.add(totp({ issuer: 'Two', secret: new Uint8Array(20).fill(7) })));
    // A new vault over the same database: what a worker that was just started has.
    const counted = countingReads(db);
    const fresh = createVault({ db: counted.db });

    const both = Promise.all([fresh.list(), fresh.list()]);
    counted.releaseFirstRead();
    const [list, again] = await both;
    expect(list.map((a) => a.issuer)).toEqual(['One', 'Two']);
    expect(again).toEqual(list);
    expect(counted.accountReads()).toBe(1);
  });

  it('never hands a read that began before a write to a caller after it', async () => {
    const { db, vault } = await setUpVault();
    const one = added(await vault.add(totp({ issuer: 'One' })));
    const counted = countingReads(db);
    const fresh = createVault({ db: counted.db });
    const before = fresh.list();
    await vi.waitFor(() => expect(counted.accountReads()).toBe(1));
    // Another vault instance (another page, or the worker before a restart) renames it meanwhile.
    await vault.update(one.id, { issuer: 'Renamed' });
    const after = fresh.list();
    // It has read the revision (and decided where its records come from) before the first read ends.
    await vi.waitFor(() => expect(counted.revisionReads()).toBe(2));
    counted.releaseFirstRead();
    expect((await before).map((a) => a.issuer)).toEqual(['One']);
    expect((await after).map((a) => a.issuer)).toEqual(['Renamed']);
  });
});
