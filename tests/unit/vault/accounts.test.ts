import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createVault, openVaultDb } from '@/lib/vault';
import { SEED_SHA1, SEED_SHA256, added, ascii, hotp, rejection, setUpVault, totp } from './helpers';

describe('vault add', () => {
  it('adds an account and lists its metadata without the secret', async () => {
    let clock = 1_000;
    const { vault } = await setUpVault({ now: () => clock++ });

    const account = added(await vault.add(totp({ issuer: '  Example ', sites: [{ match: 'origin', origin: 'https://login.example.com' }] })));
    const [listed] = await vault.list();

    expect(listed).toEqual(account);
    expect(listed).toMatchObject({
      kind: 'totp',
      issuer: 'Example',
      account: 'alice@example.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      sites: [{ match: 'origin', origin: 'https://login.example.com' }],
      pinned: false,
      order: 0,
      deviceBound: false,
      secretBits: 160,
    });
    expect(listed).not.toHaveProperty('secret');
    expect(listed).not.toHaveProperty('counter');
  });

  it('reports the same issuer + account + secret as exists and adds nothing', async () => {
    const { vault } = await setUpVault();
    const first = added(await vault.add(totp()));

    const again = await vault.add(totp({ issuer: 'EXAMPLE ', account: ' Alice@Example.com' }));

    expect(again).toEqual({ status: 'exists', account: first });
    expect(await vault.list()).toHaveLength(1);
  });

  it('reports a device-bound duplicate as exists too (compared without reading the secret)', async () => {
    const { vault } = await setUpVault();
    const first = added(await vault.add(totp({ deviceBound: true })));
    expect(await vault.add(totp())).toEqual({ status: 'exists', account: first });
  });

  it('reports a conflict for the same label with another secret and adds nothing', async () => {
    const { vault } = await setUpVault();
    const first = added(await vault.add(totp()));

    const result = await vault.add(totp({ secret: SEED_SHA256 }));

    expect(result).toEqual({ status: 'conflict', existing: first });
    expect(await vault.list()).toHaveLength(1);
  });

  it('treats the same secret with other digits as a conflict, not as the same account', async () => {
    const { vault } = await setUpVault();
    added(await vault.add(totp()));
    expect((await vault.add(totp({ digits: 8 }))).status).toBe('conflict');
  });

  it('replaces in place on request: same id and position, new secret', async () => {
    let clock = 1_000;
    const { vault } = await setUpVault({ now: () => clock++ });
    added(await vault.add(totp({ account: 'before' })));
    const target = added(await vault.add(totp()));
    added(await vault.add(totp({ account: 'after' })));
    await vault.update(target.id, { pinned: true });

    const result = await vault.add(totp({ secret: SEED_SHA256, algorithm: 'SHA256', digits: 8 }), { onConflict: 'replace' });

    const account = added(result);
    expect(account).toMatchObject({ id: target.id, order: target.order, pinned: true, algorithm: 'SHA256', digits: 8 });
    expect(account.updatedAt).toBeGreaterThan(target.updatedAt);
    expect(await vault.list()).toHaveLength(3);
    expect(await vault.exportableSecret(target.id)).toEqual(SEED_SHA256);
    // RFC 6238 SHA256 at T=59 s: the replaced record really uses the new secret.
    expect((await vault.codes(59_000)).find((c) => c.id === target.id)).toMatchObject({ current: '46119246' });
  });

  it('keeps both on request: a new account after the existing one', async () => {
    const { vault } = await setUpVault();
    const first = added(await vault.add(totp()));

    const second = added(await vault.add(totp({ secret: SEED_SHA256 }), { onConflict: 'keep-both' }));

    expect(second.id).not.toBe(first.id);
    expect((await vault.list()).map((a) => a.id)).toEqual([first.id, second.id]);
  });

  it.each([
    ['digits below 4', { digits: 3 }, 'invalid-digits'],
    ['digits above 10', { digits: 11 }, 'invalid-digits'],
    ['period 0', { period: 0 }, 'invalid-period'],
    ['an empty secret', { secret: new Uint8Array(0) }, 'invalid-secret'],
    ['a 1025-byte secret', { secret: new Uint8Array(1025) }, 'invalid-secret'],
    ['an unknown algorithm', { algorithm: 'MD5' }, 'invalid-algorithm'],
    ['an unknown kind', { kind: 'motp' }, 'invalid-kind'],
    ['a non-text issuer', { issuer: 42 }, 'invalid-label'],
    ['an http origin', { sites: [{ match: 'origin', origin: 'http://example.com' }] }, 'invalid-site'],
    ['an origin with a path', { sites: [{ match: 'origin', origin: 'https://example.com/login' }] }, 'invalid-site'],
    ['a subdomain as site', { sites: [{ match: 'site', site: 'login.example.com' }] }, 'invalid-site'],
  ])('refuses %s with a typed error and writes nothing', async (_name, change, code) => {
    const { vault } = await setUpVault();
    const error = await rejection(vault.add(totp(change as never)));
    expect(error).toMatchObject({ name: 'VaultInputError', code });
    expect(await vault.list()).toEqual([]);
  });

  it.each([
    ['a negative counter', -1],
    ['a fractional counter', 1.5],
    ['a counter beyond 2^53', 2 ** 53],
  ])('refuses an hotp account with %s', async (_name, counter) => {
    const { vault } = await setUpVault();
    expect((await rejection(vault.add(hotp({ counter })))).code).toBe('invalid-counter');
  });

  it('accepts a registrable domain as site and a port in an origin', async () => {
    const { vault } = await setUpVault();
    const sites = [
      { match: 'site', site: 'example.co.uk' },
      { match: 'origin', origin: 'https://example.com:8443' },
    ] as const;
    expect(added(await vault.add(totp({ sites: [...sites] }))).sites).toEqual(sites);
  });
});

describe('vault addMany', () => {
  it('adds a batch in order and reports each entry', async () => {
    const { vault } = await setUpVault();
    const existing = added(await vault.add(totp({ account: 'old' })));

    const results = await vault.addMany([
      totp({ account: 'a' }),
      totp({ account: 'old' }),
      totp({ account: 'old', secret: SEED_SHA256 }),
      hotp({ account: 'b' }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['added', 'exists', 'conflict', 'added']);
    expect(results[1]).toEqual({ status: 'exists', account: existing });
    expect((await vault.list()).map((a) => [a.account, a.order])).toEqual([
      ['old', 0],
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('writes nothing when one entry is invalid, and names the entry', async () => {
    const { vault } = await setUpVault();
    added(await vault.add(totp({ account: 'old' })));

    const error = (await rejection(
      vault.addMany([totp({ account: 'a' }), totp({ account: 'b', digits: 99 }), totp({ account: 'c' })]),
    )) as { code?: string; index?: number };

    expect(error).toMatchObject({ code: 'invalid-digits', index: 1 });
    expect((await vault.list()).map((a) => a.account)).toEqual(['old']);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const { vault, db } = await setUpVault();
    added(await vault.add(totp({ account: 'old' })));
    // The second record of the batch cannot be stored (as when a browser cannot clone a value):
    // the first, already issued in the same transaction, must be rolled back with it.
    let adds = 0;
    const failingDb = new Proxy(db, {
      get(target, prop) {
        if (prop !== 'transaction') {
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (...args: Parameters<typeof db.transaction>) => {
          const tx = target.transaction(...args);
          if (args[1] !== 'readwrite') return tx;
          const store = tx.objectStore('accounts' as never) as unknown as { add(value: unknown): Promise<unknown> };
          const add = (record: object) => store.add(++adds === 2 ? { ...record, poison: () => 1 } : record);
          const bound = (object: object, key: PropertyKey) => {
            const value = Reflect.get(object, key);
            return typeof value === 'function' ? value.bind(object) : value;
          };
          const storeProxy = new Proxy(store, { get: (s, q) => (q === 'add' ? add : bound(s, q)) });
          return new Proxy(tx, { get: (t, p) => (p === 'store' ? storeProxy : bound(t, p)) });
        };
      },
    });
    const { createVault } = await import('@/lib/vault');
    const failing = createVault({ db: failingDb });

    const error = await rejection(failing.addMany([totp({ account: 'x' }), totp({ account: 'y' })]));

    expect(error.code).toBe('storage-unavailable');
    expect(adds).toBe(2);
    expect((await vault.list()).map((a) => a.account)).toEqual(['old']);
  });

  it('never overwrites an account when the id generator repeats an id', async () => {
    const { vault, db } = await setUpVault();
    const occupant = added(await vault.add(totp({ account: 'occupant' })));
    const { createVault } = await import('@/lib/vault');
    const repeating = createVault({ db, randomId: () => occupant.id });

    expect((await rejection(repeating.add(totp({ account: 'newcomer' })))).code).toBe('id-collision');
    expect((await vault.list()).map((a) => a.account)).toEqual(['occupant']);
  });

  it('handles duplicates inside one batch', async () => {
    const { vault } = await setUpVault();
    const results = await vault.addMany([totp(), totp(), totp({ secret: SEED_SHA256 })], { onConflict: 'keep-both' });
    expect(results.map((r) => r.status)).toEqual(['added', 'exists', 'added']);
    expect(await vault.list()).toHaveLength(2);
  });
});

describe('vault metadata changes', () => {
  it('updates labels, sites and pinned, and sorts pinned first', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp({ account: 'a' })));
    const b = added(await vault.add(totp({ account: 'b' })));

    const updated = await vault.update(b.id, { issuer: ' New ', pinned: true, sites: [{ match: 'site', site: 'example.com' }] });

    expect(updated).toMatchObject({ issuer: 'New', pinned: true, sites: [{ match: 'site', site: 'example.com' }] });
    expect((await vault.list()).map((x) => x.id)).toEqual([b.id, a.id]);
    // Secret untouched: the RFC 6238 SHA1 code still comes out.
    expect((await vault.codes(59_000)).find((c) => c.id === b.id)).toMatchObject({ current: '287082' });
  });

  it('refuses an invalid update and an unknown id', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp()));
    expect((await rejection(vault.update(a.id, { sites: [{ match: 'site', site: 'co.uk' }] }))).code).toBe('invalid-site');
    expect((await rejection(vault.update('missing', { pinned: true }))).code).toBe('not-found');
    expect(await vault.get(a.id)).toEqual(a);
  });

  it('removes an account and restores it exactly, once', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp({ account: 'a' })));
    const b = added(await vault.add(totp({ account: 'b', secret: ascii('another secret 123') })));

    const token = await vault.trash(b.id);
    expect((await vault.list()).map((x) => x.id)).toEqual([a.id]);
    expect((await rejection(vault.trash(b.id))).code).toBe('not-found');

    expect(await vault.untrash(token)).toEqual(b);
    expect(await vault.untrash(token)).toEqual(b);
    expect((await vault.list()).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(await vault.exportableSecret(b.id)).toEqual(ascii('another secret 123'));
  });

  it('reorders in one go, unnamed accounts keeping their order after the named ones', async () => {
    const { vault } = await setUpVault();
    const ids = [];
    for (const name of ['a', 'b', 'c', 'd']) ids.push(added(await vault.add(totp({ account: name }))).id);

    await vault.reorder([ids[2]!, ids[0]!]);

    expect((await vault.list()).map((x) => x.account)).toEqual(['c', 'a', 'b', 'd']);
    expect((await vault.list()).map((x) => x.order)).toEqual([0, 1, 2, 3]);
  });

  it('refuses a reorder naming an unknown or repeated id and changes nothing', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp({ account: 'a' })));
    const b = added(await vault.add(totp({ account: 'b' })));
    expect((await rejection(vault.reorder([b.id, 'ghost']))).code).toBe('not-found');
    expect((await rejection(vault.reorder([b.id, b.id]))).code).toBe('invalid-order');
    expect((await vault.list()).map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('marks an account used without touching updatedAt', async () => {
    let clock = 1_000;
    const { vault } = await setUpVault({ now: () => clock });
    const a = added(await vault.add(totp()));
    clock = 5_000;

    await vault.markUsed(a.id);

    expect(await vault.get(a.id)).toMatchObject({ lastUsedAt: 5_000, updatedAt: 1_000 });
  });

  it('gives the secret for export and refuses unknown ids', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp()));
    expect(await vault.exportableSecret(a.id)).toEqual(SEED_SHA1);
    expect((await rejection(vault.exportableSecret('missing'))).code).toBe('not-found');
  });
});

describe('vault trash', () => {
  it('hides a trashed account from every read and restores it exactly', async () => {
    const vault = createVault({ db: await openVaultDb(new IDBFactory()) });
    const added = await vault.add(totp());
    if (added.status !== 'added') throw new Error('not added');
    const token = await vault.trash(added.account.id);

    expect(await vault.list()).toEqual([]);
    expect(await vault.codes(59_000)).toEqual([]);
    await expect(vault.exportableSecret(added.account.id)).rejects.toMatchObject({ code: 'not-found' });

    const restored = await vault.untrash(token);
    expect(restored).toEqual(added.account);
    // RFC 6238 SHA1 at T=59 s (6 digits): the restored record still decrypts.
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '287082' });
    expect((await vault.untrash(token)).id).toBe(added.account.id);
  });

  it('purges only what is older than the window, after which undo is refused', async () => {
    let time = 1_000_000;
    const vault = createVault({ db: await openVaultDb(new IDBFactory()), now: () => time });
    const first = await vault.add(totp({ account: 'first' }));
    const second = await vault.add(totp({ account: 'second' }));
    if (first.status !== 'added' || second.status !== 'added') throw new Error('not added');
    await vault.trash(first.account.id);
    time += 50_000;
    await vault.trash(second.account.id);
    time += 20_000;

    expect(await vault.purgeTrash(60_000)).toBe(1);
    await expect(vault.untrash(first.account.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await vault.untrash(second.account.id)).account).toBe('second');
  });
});

describe('invisible formatting characters in names (#14.6)', () => {
  // Unicode category Cf: right-to-left override, zero-width space/joiners, BOM, word joiner, a tag character.
  const INVISIBLE = ['\u202E', '\u200B', '\u200C', '\u200D', '\u2066', '\uFEFF', '\u2060', '\u00AD', '\u{E0041}'];

  it('strips them on add: an RLO cannot make "moc.elgoog" read as google.com', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ issuer: '\u202Emoc.elgoog', account: 'al\u200Bice@\u2066example.com\uFEFF' })));
    expect(account).toMatchObject({ issuer: 'moc.elgoog', account: 'alice@example.com' });
    expect(await vault.get(account.id)).toMatchObject({ issuer: 'moc.elgoog', account: 'alice@example.com' });
  });

  it.each(INVISIBLE.map((c) => [c.codePointAt(0)!.toString(16)]))('strips U+%s from every stored name', async (hex) => {
    const c = String.fromCodePoint(parseInt(hex, 16));
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ issuer: `Git${c}Hub`, account: `${c}bob` })));
    expect(account).toMatchObject({ issuer: 'GitHub', account: 'bob' });
  });

  it('a zero-width space no longer defeats duplicate detection (add and import)', async () => {
    const { vault } = await setUpVault();
    added(await vault.add(totp({ issuer: 'GitHub', account: 'alice' })));
    expect((await vault.add(totp({ issuer: 'Git\u200BHub', account: 'alice' }))).status).toBe('exists');
    expect((await vault.add(totp({ issuer: 'Git\u200BHub', account: 'alice', secret: SEED_SHA256 }))).status).toBe('conflict');
    const [imported] = await vault.addMany([totp({ issuer: '\u200DGitHub', account: 'al\u200Cice' })]);
    expect(imported!.status).toBe('exists');
    expect(await vault.list()).toHaveLength(1);
  });

  it('strips them on rename and on import of a batch (restore uses the same path)', async () => {
    const { vault } = await setUpVault();
    const a = added(await vault.add(totp({ account: 'a' })));
    expect(await vault.update(a.id, { issuer: '\u202Eevil', account: 'x\u200By' })).toMatchObject({ issuer: 'evil', account: 'xy' });
    const [batch] = await vault.addMany([totp({ issuer: '\u202Elapyap', account: 'c' })]);
    expect(batch).toMatchObject({ status: 'added', account: { issuer: 'lapyap' } });
  });

  it('keeps ordinary right-to-left names as they are', async () => {
    const { vault } = await setUpVault();
    const account = added(await vault.add(totp({ issuer: 'بنك', account: 'שלום@example.com' })));
    expect(account).toMatchObject({ issuer: 'بنك', account: 'שלום@example.com' });
  });
});
