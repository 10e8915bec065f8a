import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVault } from '@/lib/vault';
import { SEED_SHA1, hotp, rejection, setUpVault, totp } from './helpers';

// RFC 4226 Appendix D, secret "12345678901234567890", counters 0..9.
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

/** Independent reference for counters the RFC does not publish (node:crypto, not the code under test). */
function referenceHotp(secret: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('vault nextHotp', () => {
  it('gives the RFC 4226 codes for counters 0..9 in order', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp());
    if (added.status !== 'added') throw new Error('not added');

    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await vault.nextHotp(added.account.id)).code);

    expect(codes).toEqual(RFC4226);
  });

  it('gives 20 concurrent calls 20 distinct counters 0..19 with their codes', async () => {
    const { vault, db } = await setUpVault();
    const added = await vault.add(hotp());
    if (added.status !== 'added') throw new Error('not added');
    // A second vault instance on the same database stands in for a second window / context.
    const other = createVault({ db });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : vault).nextHotp(added.account.id)),
    );

    const byCounter = [...results].sort((a, b) => a.counter - b.counter);
    expect(byCounter.map((r) => r.counter)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(byCounter.slice(0, 10).map((r) => r.code)).toEqual(RFC4226);
    expect(byCounter.map((r) => r.code)).toEqual(byCounter.map((r) => referenceHotp(SEED_SHA1, r.counter)));
    expect((await vault.get(added.account.id)).counter).toBe(20);
  });

  it('starts from the stored counter (the next one to use)', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp({ counter: 7 }));
    if (added.status !== 'added') throw new Error('not added');

    expect(await vault.nextHotp(added.account.id)).toEqual({ code: RFC4226[7], counter: 7 });
    expect((await vault.get(added.account.id)).counter).toBe(8);
  });

  it('works for a device-bound hotp account', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp({ deviceBound: true }));
    if (added.status !== 'added') throw new Error('not added');
    expect((await vault.nextHotp(added.account.id)).code).toBe(RFC4226[0]);
  });

  it('refuses totp accounts and unknown ids without changing anything', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(totp());
    if (added.status !== 'added') throw new Error('not added');

    expect((await rejection(vault.nextHotp(added.account.id))).code).toBe('not-hotp');
    expect((await rejection(vault.nextHotp('nope'))).code).toBe('not-found');
  });

  it('does not burn a counter when the secret cannot be read', async () => {
    const { vault, db } = await setUpVault();
    const added = await vault.add(hotp());
    if (added.status !== 'added') throw new Error('not added');
    const record = await db.get('accounts', added.account.id);
    await db.put('accounts', { ...record!, secret: { ...record!.secret, ct: new Uint8Array(36) } as never });

    expect((await rejection(vault.nextHotp(added.account.id))).code).toBe('record-unreadable');
    expect((await vault.get(added.account.id)).counter).toBe(0);
  });
});

describe('vault lastHotp and counter correction', () => {
  it('gives again the code nextHotp gave last, and nothing before any was given', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp({ counter: 3 }));
    if (added.status !== 'added') throw new Error('not added');
    // Imported at counter 3: the code of counter 2 was used elsewhere, not shown here.
    expect(await vault.lastHotp(added.account.id)).toBeNull();
    expect(await vault.nextHotp(added.account.id)).toEqual({ code: RFC4226[3], counter: 3 });
    expect(await vault.lastHotp(added.account.id)).toEqual({ code: RFC4226[3], counter: 3 });
    // Asking again does not move the counter.
    expect(await vault.lastHotp(added.account.id)).toEqual({ code: RFC4226[3], counter: 3 });
    expect((await vault.get(added.account.id)).counter).toBe(4);
  });

  it('corrects the next counter, after which the old shown code is gone and codes follow the new counter', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp());
    if (added.status !== 'added') throw new Error('not added');
    await vault.nextHotp(added.account.id);
    const updated = await vault.update(added.account.id, { counter: 8 });
    expect(updated.counter).toBe(8);
    expect(updated.hotpShown).toBeUndefined();
    expect(await vault.lastHotp(added.account.id)).toBeNull();
    expect(await vault.nextHotp(added.account.id)).toEqual({ code: RFC4226[8], counter: 8 });
  });

  it('refuses a counter that is not a whole number ≥ 0, and any counter on a time-based account', async () => {
    const { vault } = await setUpVault();
    const added = await vault.add(hotp());
    const timed = await vault.add(totp());
    if (added.status !== 'added' || timed.status !== 'added') throw new Error('not added');
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect((await rejection(vault.update(added.account.id, { counter: bad }))).code).toBe('invalid-counter');
    }
    expect((await rejection(vault.update(timed.account.id, { counter: 3 }))).code).toBe('not-hotp');
    expect((await vault.get(added.account.id)).counter).toBe(0);
  });
});
