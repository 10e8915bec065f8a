import { describe, expect, it } from 'vitest';
import { DeviceBoundError } from '@/lib/vault';
import { SEED_SHA1, hotp, rejection, setUpVault, totp } from './helpers';

describe('vault device-bound accounts', () => {
  it('stores only a non-extractable HMAC key: no envelope, no bytes', async () => {
    const { vault, db } = await setUpVault();
    const result = await vault.add(totp({ deviceBound: true }));
    if (result.status !== 'added') throw new Error('not added');

    const record = (await db.get('accounts', result.account.id))!;

    expect(result.account.deviceBound).toBe(true);
    expect(record.secret).toEqual({ v: 1, alg: 'device-bound', key: expect.any(CryptoKey) });
    expect(record.secret).not.toHaveProperty('ct');
    const key = (record.secret as { key: CryptoKey }).key;
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-1' } });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses exportableSecret with a clear device-bound reason', async () => {
    const { vault } = await setUpVault();
    const result = await vault.add(totp({ deviceBound: true }));
    if (result.status !== 'added') throw new Error('not added');

    const error = await rejection(vault.exportableSecret(result.account.id));

    expect(error).toBeInstanceOf(DeviceBoundError);
    expect(error.code).toBe('device-bound');
    expect(error.message).toMatch(/bound to this device/);
  });

  it('in device-key mode, refuses export by the stored key kind alone, even with the flag cleared (#14.11)', async () => {
    const { vault, db } = await setUpVault();
    const result = await vault.add(totp({ deviceBound: true }));
    if (result.status !== 'added') throw new Error('not added');
    // A row whose flag says otherwise (damage, an old bug): the HMAC key itself still says device-bound.
    const record = (await db.get('accounts', result.account.id))!;
    await db.put('accounts', { ...record, deviceBound: false });

    expect((await rejection(vault.exportableSecret(result.account.id))).code).toBe('device-bound');
  });

  it('in device-key mode, refuses export by the flag alone, whatever the stored secret looks like (#14.11)', async () => {
    const { vault, db } = await setUpVault();
    const plain = await vault.add(totp({ account: 'sealed' }));
    if (plain.status !== 'added') throw new Error('not added');
    // A sealed envelope (as passphrase mode stores device-bound accounts) under the flag.
    const record = (await db.get('accounts', plain.account.id))!;
    await db.put('accounts', { ...record, deviceBound: true });

    expect((await rejection(vault.exportableSecret(plain.account.id))).code).toBe('device-bound');
  });

  it('still gives RFC codes (RFC 6238 SHA1 at 59 s, RFC 4226 counter 0)', async () => {
    const { vault } = await setUpVault();
    await vault.add(totp({ deviceBound: true, digits: 8 }));
    const h = await vault.add(hotp({ deviceBound: true }));
    if (h.status !== 'added') throw new Error('not added');

    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '94287082' });
    expect(await vault.nextHotp(h.account.id)).toEqual({ code: '755224', counter: 0 });
  });

  it('stays device-bound through undo', async () => {
    const { vault } = await setUpVault();
    const result = await vault.add(totp({ deviceBound: true, secret: SEED_SHA1 }));
    if (result.status !== 'added') throw new Error('not added');

    await vault.untrash(await vault.trash(result.account.id));

    expect((await rejection(vault.exportableSecret(result.account.id))).code).toBe('device-bound');
    expect((await vault.codes(59_000))[0]).toMatchObject({ current: '287082' });
  });
});
