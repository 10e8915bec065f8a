import { describe, expect, it } from 'vitest';
import { SEED_SHA1, SEED_SHA256, ascii, setUpVault, totp } from './helpers';

describe('vault previewMany', () => {
  it('says new, exists, conflict and problem per entry, and writes nothing', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ issuer: 'Same', account: 'a', secret: SEED_SHA1 }));
    await vault.add(totp({ issuer: 'Clash', account: 'b', secret: SEED_SHA1 }));
    const before = await vault.list();

    const preview = await vault.previewMany([
      totp({ issuer: 'Fresh', account: 'c', secret: SEED_SHA256 }),
      totp({ issuer: 'Same', account: 'a', secret: SEED_SHA1 }),
      totp({ issuer: 'Clash', account: 'b', secret: SEED_SHA256 }),
      totp({ issuer: 'Bad', account: 'd', digits: 42 }),
    ]);

    expect(preview.map((p) => p.status)).toEqual(['new', 'exists', 'conflict', 'problem']);
    expect(preview[1]).toMatchObject({ existing: { issuer: 'Same', account: 'a' } });
    expect(preview[2]).toMatchObject({ existing: { issuer: 'Clash', account: 'b' } });
    expect(preview[3]).toMatchObject({ code: 'invalid-digits' });
    expect(await vault.list()).toEqual(before);
  });

  it('treats different parameters with the same secret as a conflict, not a duplicate', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ issuer: 'X', account: 'y', period: 30 }));
    const [result] = await vault.previewMany([totp({ issuer: 'X', account: 'y', period: 60 })]);
    expect(result?.status).toBe('conflict');
  });

  it('reports a duplicate inside the batch itself', async () => {
    const { vault } = await setUpVault();
    const twice = totp({ issuer: 'Twice', account: 'z', secret: ascii('twice-twice-twice!!!') });
    const preview = await vault.previewMany([twice, { ...twice }]);
    expect(preview).toEqual([{ status: 'new' }, { status: 'exists', existing: undefined }]);
  });

  it('matches a device-bound account by its key, without reading a secret', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ issuer: 'Bound', account: 'k', deviceBound: true }));
    const [result] = await vault.previewMany([totp({ issuer: 'Bound', account: 'k' })]);
    expect(result?.status).toBe('exists');
  });
});
