import { describe, expect, it } from 'vitest';
import { sortAccounts } from '@/lib/popup/list';
import type { AccountMeta } from '@/lib/vault/types';

const meta = (id: string, issuer: string, account: string, order: number): AccountMeta =>
  ({ id, kind: 'totp', issuer, account, algorithm: 'SHA1', digits: 6, period: 30, sites: [], pinned: false, order, deviceBound: false, secretBits: 160, createdAt: 0, updatedAt: 0 }) as AccountMeta;

describe('sortAccounts by name', () => {
  it('sorts by the name shown (issuer, else account) and puts unnamed accounts last', () => {
    const accounts = [meta('u', '', '', 0), meta('g', 'GitHub', 'alice', 1), meta('b', '', 'bob@bank.test', 2), meta('a', 'Amazon', 'x', 3)];
    expect(sortAccounts(accounts, 'issuer').map((a) => a.id)).toEqual(['a', 'b', 'g', 'u']);
  });
});
