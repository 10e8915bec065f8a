import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortAccounts, groupAccounts, groupNames, ROWS_AT_FIRST_PAINT } from '@/lib/popup/list';
import type { AccountMeta } from '@/lib/vault/types';

const meta = (id: string, issuer: string, account: string, order: number): AccountMeta =>
  ({ id, kind: 'totp', issuer, account, algorithm: 'SHA1', digits: 6, period: 30, sites: [], pinned: false, order, deviceBound: false, secretBits: 160, createdAt: 0, updatedAt: 0 }) as AccountMeta;

describe('sortAccounts by name', () => {
  it('sorts by the name shown (issuer, else account) and puts unnamed accounts last', () => {
    const accounts = [meta('u', '', '', 0), meta('g', 'GitHub', 'alice', 1), meta('b', '', 'bob@bank.test', 2), meta('a', 'Amazon', 'x', 3)];
    expect(sortAccounts(accounts, 'issuer').map((a) => a.id)).toEqual(['a', 'b', 'g', 'u']);
  });
});

describe('group filter', () => {
  const inGroup = (account: AccountMeta, group: string): AccountMeta => ({ ...account, group });
  const accounts = [
    inGroup(meta('gh', 'GitHub', 'alice', 0), 'Work'),
    meta('bank', 'Bank', 'alice', 1),
    inGroup(meta('gl', 'GitLab', 'alice', 2), 'Work'),
    inGroup(meta('steam', 'Steam', 'alice', 3), 'gaming'),
  ];

  it('lists each group once, alphabetically whatever the case', () => {
    expect(groupNames([...accounts, inGroup(meta('x', 'X', '', 4), 'Work')])).toEqual(['gaming', 'Work']);
    expect(groupNames([meta('bank', 'Bank', 'alice', 1)])).toEqual([]);
  });

  it('shows only the chosen group, combined with the search, "This site" still first', () => {
    const work = groupAccounts(accounts, '', 'manual', new Set(['gl']), 'Work');
    const workSearch = groupAccounts(accounts, 'hub', 'manual', new Set(['gl']), 'Work');
    const all = groupAccounts(accounts, '', 'manual', new Set(['gl']), null);

    expect([work.thisSite.map((a) => a.id), work.others.map((a) => a.id)]).toEqual([['gl'], ['gh']]);
    expect([workSearch.thisSite.map((a) => a.id), workSearch.others.map((a) => a.id)]).toEqual([[], ['gh']]);
    expect(all.others.map((a) => a.id)).toEqual(['gh', 'bank', 'steam']);
  });
});

describe('the popup stylesheet and ROWS_AT_FIRST_PAINT', () => {
  it('skips layout (content-visibility) only for the rows after the first screen', async () => {
    const css = await readFile(path.resolve(__dirname, '../../../entrypoints/popup/style.css'), 'utf8');
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*content-visibility:\s*auto[^{}]*)\}/g)].map((m) => m[1]!.replace(/\/\*[\s\S]*?\*\//g, '').trim());
    expect(rules).toEqual([`.accounts > .row:nth-child(n + ${ROWS_AT_FIRST_PAINT + 1})`]);
  });
});
