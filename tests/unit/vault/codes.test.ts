import { describe, expect, it } from 'vitest';
import type { AccountCode } from '@/lib/vault';
import { SEED_SHA1, SEED_SHA256, SEED_SHA512, setUpVault, totp } from './helpers';

// RFC 6238 Appendix B (8 digits, period 30). 1111111109 and 1111111111 are consecutive steps,
// so the second is the published "next" code of the first.
const RFC6238 = [
  { algorithm: 'SHA1', seed: SEED_SHA1, at59: '94287082', at1111111109: '07081804', at1111111111: '14050471' },
  { algorithm: 'SHA256', seed: SEED_SHA256, at59: '46119246', at1111111109: '68084774', at1111111111: '67062674' },
  { algorithm: 'SHA512', seed: SEED_SHA512, at59: '90693936', at1111111109: '25091201', at1111111111: '99943326' },
] as const;

async function rfcVault(options: { deviceBound?: boolean } = {}) {
  const set = await setUpVault();
  const ids: Record<string, string> = {};
  for (const v of RFC6238) {
    const result = await set.vault.add(
      totp({ issuer: 'RFC', account: v.algorithm, secret: v.seed, algorithm: v.algorithm, digits: 8, ...options }),
    );
    if (result.status !== 'added') throw new Error('not added');
    ids[v.algorithm] = result.account.id;
  }
  return { ...set, ids };
}

const byId = (codes: unknown[], id: string | undefined) =>
  codes.find((c) => (c as AccountCode).id === id) as AccountCode;

describe('vault codes', () => {
  it.each(RFC6238)('gives the RFC 6238 $algorithm codes at T=59 s', async (v) => {
    const { vault, ids } = await rfcVault();
    const codes = await vault.codes(59_000);
    expect(byId(codes, ids[v.algorithm])).toMatchObject({ current: v.at59, period: 30, stepStart: 30_000, stepEnd: 60_000 });
  });

  it.each(RFC6238)('gives the RFC 6238 $algorithm current and next codes at T=1111111109 s', async (v) => {
    const { vault, ids } = await rfcVault();
    const codes = await vault.codes(1_111_111_109_000);
    expect(byId(codes, ids[v.algorithm])).toMatchObject({
      kind: 'totp',
      current: v.at1111111109,
      next: v.at1111111111,
      stepStart: 1_111_111_080_000,
      stepEnd: 1_111_111_110_000,
    });
  });

  it.each(RFC6238)('gives the same $algorithm codes from a device-bound account', async (v) => {
    const { vault, ids } = await rfcVault({ deviceBound: true });
    const codes = await vault.codes(1_111_111_109_000);
    expect(byId(codes, ids[v.algorithm])).toMatchObject({ current: v.at1111111109, next: v.at1111111111 });
  });

  it('gives the same codes from a new vault instance on the same database (worker restart)', async () => {
    const { db, ids } = await rfcVault();
    const { createVault } = await import('@/lib/vault');
    const restarted = createVault({ db });
    const codes = await restarted.codes(59_000);
    expect(byId(codes, ids.SHA512).current).toBe('90693936');
  });

  it('omits hotp accounts and lists the rest in list order', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ account: 'first' }));
    await vault.add({ kind: 'hotp', issuer: 'H', account: 'h', secret: SEED_SHA1, algorithm: 'SHA1', digits: 6, counter: 0 });
    await vault.add(totp({ account: 'second', secret: SEED_SHA256 }));

    const codes = await vault.codes(59_000);
    const list = await vault.list();

    expect(codes.map((c) => c.id)).toEqual(list.filter((a) => a.kind !== 'hotp').map((a) => a.id));
    expect(codes).toHaveLength(2);
  });

  it('gives steam accounts five characters of the Steam alphabet, period 30', async () => {
    const { vault } = await setUpVault();
    await vault.add({ kind: 'steam', issuer: 'Steam', account: 'gamer', secret: SEED_SHA1, algorithm: 'SHA1', digits: 5, period: 30 });

    const [code] = await vault.codes(59_000);

    expect(code).toMatchObject({ kind: 'steam', period: 30, stepStart: 30_000, stepEnd: 60_000 });
    expect((code as AccountCode).current).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });

  it('honours a non-default period in step times', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ period: 60 }));
    const [code] = await vault.codes(125_000);
    expect(code).toMatchObject({ period: 60, stepStart: 120_000, stepEnd: 180_000 });
  });

  it('with ids, gives only those accounts in list order, skips unknown ids and leaves the others undecrypted', async () => {
    const { vault, db, ids } = await rfcVault();
    const broken = await db.get('accounts', ids.SHA1!);
    const other = await db.get('accounts', ids.SHA256!);
    // SHA1's record cannot be decrypted: asking for the others must not touch it.
    await db.put('accounts', { ...broken!, secret: other!.secret });

    const codes = await vault.codes(59_000, [ids.SHA512!, 'no-such-account', ids.SHA256!]);

    expect(codes.map((c) => c.id)).toEqual([ids.SHA256, ids.SHA512]);
    expect(byId(codes, ids.SHA256).current).toBe('46119246');
    expect(byId(codes, ids.SHA512).current).toBe('90693936');
    await expect(vault.codes(59_000, 'all' as unknown as string[])).rejects.toThrow(TypeError);
    await expect(vault.codes(59_000, [''])).rejects.toThrow(TypeError);
  });

  it('reports an unreadable record in place and still gives the other codes', async () => {
    const { vault, db, ids } = await rfcVault();
    const broken = await db.get('accounts', ids.SHA1!);
    const other = await db.get('accounts', ids.SHA256!);
    // Move SHA256's ciphertext into SHA1's record: the AAD no longer matches.
    await db.put('accounts', { ...broken!, secret: other!.secret });

    const codes = await vault.codes(59_000);

    expect(codes.find((c) => c.id === ids.SHA1)).toEqual({ id: ids.SHA1, kind: 'totp', error: 'record-unreadable' });
    expect(byId(codes, ids.SHA512).current).toBe('90693936');
  });

  it('never serves a cached code after the secret was replaced, even by another vault instance', async () => {
    const { vault, db } = await setUpVault();
    await vault.add(totp({ issuer: 'RFC', account: 'x', digits: 8 }));
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '94287082' });
    const { createVault } = await import('@/lib/vault');

    await createVault({ db }).add(
      totp({ issuer: 'RFC', account: 'x', digits: 8, secret: SEED_SHA256, algorithm: 'SHA256' }),
      { onConflict: 'replace' },
    );

    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '46119246' });
  });

  it('gives the same codes from its cache on repeated calls in and across steps', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ digits: 8 }));
    const first = await vault.codes(1_111_111_109_000);
    const again = await vault.codes(1_111_111_109_500);
    const nextStep = await vault.codes(1_111_111_111_000);

    expect(again).toEqual(first);
    expect(nextStep[0]).toMatchObject({ current: '14050471', stepStart: 1_111_111_110_000 });
  });

  it('gives list and codes from one read in overview()', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ digits: 8 }));
    const overview = await vault.overview(59_000);
    expect(overview.accounts).toEqual(await vault.list());
    expect(overview.codes).toEqual(await vault.codes(59_000));
    expect(overview.codes[0]).toMatchObject({ current: '94287082' });
  });
});
