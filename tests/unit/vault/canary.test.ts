import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '@/lib/otp/base32';
import { ascii, setUpVault, totp } from './helpers';

const CANARY = ascii('tessera-canary-7f3a9c1e2b');

/** Every form in which a secret commonly leaks into storage or logs. */
function canaryForms(secret: Uint8Array): string[] {
  const buf = Buffer.from(secret);
  const b32 = encodeBase32(secret);
  return [
    buf.toString('latin1'),
    buf.toString('hex'),
    buf.toString('hex').toUpperCase(),
    b32,
    b32.replace(/=+$/, ''),
    b32.toLowerCase().replace(/=+$/, ''),
    buf.toString('base64'),
    buf.toString('base64').replace(/=+$/, ''),
    buf.toString('base64url'),
  ];
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(Buffer.from(needle));
}

/** Walks a stored value; returns the paths where the canary shows up. CryptoKeys are opaque by design. */
function findCanary(value: unknown, path = '$', hits: string[] = []): string[] {
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return hits;
  if (value instanceof Uint8Array) {
    const asText = Buffer.from(value).toString('latin1');
    if (containsBytes(value, CANARY) || canaryForms(CANARY).some((form) => asText.includes(form))) hits.push(path);
  } else if (typeof value === 'string') {
    if (canaryForms(CANARY).some((form) => value.includes(form))) hits.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findCanary(item, `${path}[${i}]`, hits));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) findCanary(item, `${path}.${key}`, hits);
  }
  return hits;
}

describe('vault canary', () => {
  it.each([false, true])('keeps the secret out of every stored field and every output (device-bound: %s)', async (deviceBound) => {
    const { vault, db } = await setUpVault();
    const result = await vault.add(totp({ secret: CANARY, deviceBound, issuer: 'Canary', account: 'c' }));
    if (result.status !== 'added') throw new Error('not added');

    const stored = { accounts: await db.getAll('accounts'), keys: await db.getAll('keys'), meta: await db.getAll('meta') };
    const outputs = { result, list: await vault.list(), codes: await vault.codes(59_000), deleted: await vault.trash(result.account.id) };

    expect(findCanary(stored)).toEqual([]);
    expect(findCanary(outputs)).toEqual([]);
    expect(JSON.stringify(outputs.list)).not.toContain('"secret"');
  });

  it('detects the canary when it is there (the probe itself works)', () => {
    expect(findCanary({ a: { b: Buffer.from(CANARY).toString('base64') } })).toEqual(['$.a.b']);
    expect(findCanary({ raw: new Uint8Array([1, ...CANARY, 2]) })).toEqual(['$.raw']);
    expect(findCanary({ hex: Buffer.from(CANARY).toString('hex').toUpperCase() })).toEqual(['$.hex']);
  });
});
