import { describe, expect, it } from 'vitest';
import { parsePopupSnapshot, siteKeyOf, startFromSnapshot, withCodes, withSite, type PopupSnapshot } from '@/lib/popup/snapshot';
import type { AccountCode, AccountMeta } from '@/lib/vault/types';

const STEP = 30_000;

function meta(id: string, kind: AccountMeta['kind'] = 'totp'): AccountMeta {
  return {
    id,
    kind,
    issuer: id,
    account: `${id}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    ...(kind === 'hotp' ? { counter: 0 } : { period: 30 }),
    sites: [],
    pinned: false,
    order: 0,
    deviceBound: false,
    secretBits: 160,
    createdAt: 0,
    updatedAt: 0,
  };
}

function code(id: string, step: number): AccountCode {
  return { id, kind: 'totp', current: '111111', next: '222222', period: 30, stepStart: step * STEP, stepEnd: (step + 1) * STEP };
}

const nowhere = { domain: null, accountIds: [], fillableIds: [] };

describe('siteKeyOf', () => {
  it('keys a page by its origin and hides what the browser did not reveal', () => {
    expect(siteKeyOf('https://login.acme.test:8443/2fa?x=1')).toBe('https://login.acme.test:8443');
    expect(siteKeyOf(null)).toBe('');
    expect(siteKeyOf('not a url')).toBe('');
    expect(siteKeyOf('data:text/html,hi')).toBe('');
  });
});

describe('parsePopupSnapshot', () => {
  it('accepts only the current shape', () => {
    const good: PopupSnapshot = { v: 1, accounts: [], codes: [], sites: {} };
    expect(parsePopupSnapshot(good)).toEqual(good);
    expect(parsePopupSnapshot(undefined)).toBeNull();
    expect(parsePopupSnapshot({ ...good, v: 2 })).toBeNull();
    expect(parsePopupSnapshot({ ...good, accounts: {} })).toBeNull();
    expect(parsePopupSnapshot({ ...good, sites: [] })).toBeNull();
  });
});

describe('startFromSnapshot', () => {
  const accounts = [meta('a'), meta('b'), meta('h', 'hotp')];
  const site = { domain: 'acme.test', accountIds: ['a'], fillableIds: ['a'] };
  const snapshot = withSite(withCodes(null, accounts, [code('a', 100), code('b', 100)]), accounts, 'https://acme.test', site);

  it('draws the snapshot during its step and the following one', () => {
    expect(startFromSnapshot(snapshot, 'https://acme.test', 100 * STEP + 5)?.site).toEqual(site);
    expect(startFromSnapshot(snapshot, 'https://acme.test', 101 * STEP + 29_999)?.accounts).toHaveLength(3);
  });

  it('refuses a snapshot whose codes are no longer valid', () => {
    expect(startFromSnapshot(snapshot, 'https://acme.test', 102 * STEP)).toBeNull();
    expect(startFromSnapshot(snapshot, 'https://acme.test', 100 * STEP - 1)).toBeNull();
  });

  it('refuses a page it has no "This site" answer for, and an account without a code', () => {
    expect(startFromSnapshot(snapshot, 'https://other.test', 100 * STEP)).toBeNull();
    const missing = withCodes(snapshot, accounts, [code('a', 100)]);
    expect(startFromSnapshot(missing, 'https://acme.test', 100 * STEP)).toBeNull();
    expect(startFromSnapshot(null, '', 0)).toBeNull();
  });

  it('keeps an unreadable account as reported rather than refusing the snapshot', () => {
    const withFailure = withCodes(snapshot, accounts, [code('a', 100), { id: 'b', kind: 'totp', error: 'record-unreadable' }]);
    expect(startFromSnapshot(withFailure, 'https://acme.test', 100 * STEP)?.codes).toHaveLength(2);
  });

  it('remembers a bounded number of sites, forgetting the oldest', () => {
    let many: PopupSnapshot | null = null;
    for (let i = 0; i < 40; i += 1) many = withSite(many, accounts, `https://s${i}.test`, nowhere);
    expect(Object.keys(many!.sites)).toHaveLength(32);
    expect(many!.sites['https://s0.test']).toBeUndefined();
    expect(many!.sites['https://s39.test']).toEqual(nowhere);
  });
});
