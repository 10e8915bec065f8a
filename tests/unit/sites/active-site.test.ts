import { describe, expect, it } from 'vitest';
import { activeSite } from '@/lib/sites/active-site';
import type { AccountMeta, SiteBinding } from '@/lib/vault/types';

function account(id: string, sites: SiteBinding[]): AccountMeta {
  return {
    id, kind: 'totp', issuer: id, account: '', algorithm: 'SHA1', digits: 6, period: 30, sites,
    pinned: false, order: 0, deviceBound: false, secretBits: 160, createdAt: 0, updatedAt: 0,
  };
}

describe('activeSite', () => {
  const accounts = [
    account('whole-site', [{ match: 'site', site: 'example.com' }]),
    account('exact-a', [{ match: 'origin', origin: 'https://a.example.com' }]),
    account('elsewhere', [{ match: 'site', site: 'example.org' }]),
    account('unbound', []),
  ];

  it('groups by registrable domain but offers fill only where the binding matches the origin', () => {
    expect(activeSite('https://b.example.com/login', accounts)).toEqual({
      domain: 'example.com',
      accountIds: ['whole-site', 'exact-a'],
      fillableIds: ['whole-site'],
    });
    expect(activeSite('https://a.example.com/', accounts).fillableIds).toEqual(['exact-a', 'whole-site']);
  });

  it('knows nothing for pages that are not web pages or lookalikes', () => {
    expect(activeSite(null, accounts)).toEqual({ domain: null, accountIds: [], fillableIds: [] });
    expect(activeSite('chrome://settings', accounts).domain).toBeNull();
    expect(activeSite('https://example.com.evil.io/', accounts)).toEqual({ domain: 'evil.io', accountIds: [], fillableIds: [] });
    expect(activeSite('http://example.com/', accounts).fillableIds).toEqual([]);
  });

  it('lists the accounts of an http page with the reason they cannot fill there', () => {
    const site = activeSite('http://a.example.com/', accounts);
    expect(site.accountIds.length).toBeGreaterThan(0);
    expect(site.fillableIds).toEqual([]);
    expect(site.notFillableBecause).toBe('insecure-page');
    expect(activeSite('https://a.example.com/', accounts).notFillableBecause).toBeUndefined();
  });
});
