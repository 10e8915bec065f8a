/** Searching, sorting and grouping the popup's account list (pure). */
import type { SortOrder } from '../settings';
import type { AccountMeta, SiteBinding } from '../vault';

/**
 * Rows drawn in the first frame, and whose codes are asked for first without a snapshot: the
 * 600 px popup shows 8 rows under its header. Drawing a row costs most in a browser that has just
 * started (in five restarts with 20 accounts, a median ~80 ms more for 16 rows than for 10; the
 * figure is noisy, the direction held in each run); the rest follow after the first paint.
 */
export const ROWS_AT_FIRST_PAINT = 10;

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

/** Every group some account is in, once each, in alphabetical order (for the filter chips). */
export function groupNames(accounts: readonly AccountMeta[]): string[] {
  const names = new Set<string>();
  for (const account of accounts) if (account.group) names.add(account.group);
  return [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/** The name a row shows first: the issuer, else the account; empty for an unnamed account. */
function shownName(account: AccountMeta): string {
  return (account.issuer || account.account).trim();
}

export function sortAccounts(accounts: readonly AccountMeta[], order: SortOrder): AccountMeta[] {
  const byOrder = (a: AccountMeta, b: AccountMeta) => a.order - b.order;
  const compare: Record<SortOrder, (a: AccountMeta, b: AccountMeta) => number> = {
    manual: byOrder,
    // By the name shown, so an account without an issuer sorts by its account name; unnamed ones last.
    issuer: (a, b) =>
      Number(!shownName(a)) - Number(!shownName(b)) ||
      shownName(a).localeCompare(shownName(b), undefined, { sensitivity: 'base' }) ||
      a.account.localeCompare(b.account, undefined, { sensitivity: 'base' }) ||
      byOrder(a, b),
    recent: (a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || byOrder(a, b),
  };
  return [...accounts].sort((a, b) => Number(b.pinned) - Number(a.pinned) || compare[order](a, b));
}

/**
 * Accounts bound to the active tab's site come first, under "This site". Which ones those
 * are is decided in the worker (it owns the Public Suffix List), so the popup stays small.
 */
export function groupAccounts(
  accounts: readonly AccountMeta[],
  query: string,
  order: SortOrder,
  thisSiteIds: ReadonlySet<string>,
  groupFilter: string | null = null,
): ListGroups {
  const shown = accounts.filter((a) => (groupFilter === null || a.group === groupFilter) && matchesQuery(a, query));
  const sorted = sortAccounts(shown, order);
  const thisSite: AccountMeta[] = [];
  const others: AccountMeta[] = [];
  for (const account of sorted) (thisSiteIds.has(account.id) ? thisSite : others).push(account);
  return { thisSite, others };
}
