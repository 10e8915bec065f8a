/** Which accounts belong to the site of the page the user is on, for the popup's "This site". */
import { accountsForOrigin, bindingDomain, originOf, registrableDomain, type SiteBinding } from './binding';

/** What this module reads of an account (structural, so `lib/sites` needs nothing of `lib/vault`). */
type BoundAccount = { id: string; sites: readonly SiteBinding[] };

/** The active tab's registrable domain (visible only through activeTab) and its accounts. */
export interface ActiveSiteReply {
  domain: string | null;
  /** Bound anywhere on the page's registrable domain: listed under "This site". */
  accountIds: string[];
  /** Bound so that they may fill on this exact page origin: these offer Fill. */
  fillableIds: string[];
  /** Why a listed account may not offer Fill: the page is not https, or the organisation turned filling off. */
  notFillableBecause?: 'insecure-page' | 'filling-off';
}

export function activeSite(pageUrl: string | null, accounts: readonly BoundAccount[]): ActiveSiteReply {
  const nothing: ActiveSiteReply = { domain: null, accountIds: [], fillableIds: [] };
  let origin: string;
  let domain: string;
  try {
    if (!pageUrl) return nothing;
    origin = originOf(pageUrl);
    domain = registrableDomain(new URL(origin).hostname);
  } catch {
    return nothing;
  }
  const accountIds = accounts.filter((a) => a.sites.some((b) => bindingDomain(b) === domain)).map((a) => a.id);
  const fillableIds = accountsForOrigin(accounts, origin).map((match) => match.account.id);
  // Tessera fills only into https pages: on http the accounts are listed with the reason they cannot fill.
  const insecure = accountIds.length > 0 && !origin.startsWith('https:');
  return { domain, accountIds, fillableIds, ...(insecure ? { notFillableBecause: 'insecure-page' as const } : {}) };
}
