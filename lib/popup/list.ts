/** Searching, sorting and grouping the popup's account list (pure). */
import { getDomain, getHostname } from 'tldts';
import type { SortOrder } from '../settings';
import type { AccountMeta, SiteBinding } from '../vault/types';

export interface ListGroups {
  thisSite: AccountMeta[];
  others: AccountMeta[];
}

/** Case- and accent-insensitive form used for matching. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function bindingLabel(binding: SiteBinding): string {
  return binding.match === 'site' ? binding.site : binding.origin.replace(/^https:\/\//, '');
}

export function matchesQuery(account: AccountMeta, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([account.issuer, account.account, ...account.sites.map(bindingLabel)].join(' '));
  return words.every((word) => haystack.includes(word));
}

export function sortAccounts(accounts: readonly AccountMeta[], order: SortOrder): AccountMeta[] {
  const byOrder = (a: AccountMeta, b: AccountMeta) => a.order - b.order;
  const compare: Record<SortOrder, (a: AccountMeta, b: AccountMeta) => number> = {
    manual: byOrder,
    issuer: (a, b) =>
      a.issuer.localeCompare(b.issuer, undefined, { sensitivity: 'base' }) ||
      a.account.localeCompare(b.account, undefined, { sensitivity: 'base' }) ||
      byOrder(a, b),
    recent: (a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || byOrder(a, b),
  };
  return [...accounts].sort((a, b) => Number(b.pinned) - Number(a.pinned) || compare[order](a, b));
}

/** The registrable domain of a binding, for "This site" grouping. */
function bindingDomain(binding: SiteBinding): string | null {
  const host = binding.match === 'site' ? binding.site : getHostname(binding.origin);
  return host ? (getDomain(host, { allowPrivateDomains: true }) ?? host) : null;
}

/** Accounts bound to the active tab's registrable domain come first, under "This site". */
export function groupAccounts(
  accounts: readonly AccountMeta[],
  query: string,
  order: SortOrder,
  activeDomain: string | null,
): ListGroups {
  const sorted = sortAccounts(accounts.filter((a) => matchesQuery(a, query)), order);
  if (!activeDomain) return { thisSite: [], others: sorted };
  const thisSite: AccountMeta[] = [];
  const others: AccountMeta[] = [];
  for (const account of sorted) {
    (account.sites.some((b) => bindingDomain(b) === activeDomain) ? thisSite : others).push(account);
  }
  return { thisSite, others };
}
