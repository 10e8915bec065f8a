/** Which accounts belong to the site of the page the user is on, for the popup's "This site". */
import type { ActiveSiteReply } from '../messaging';
import type { AccountMeta } from '../vault/types';
import { accountsForOrigin, bindingDomain, originOf, registrableDomain } from './binding';

export function activeSite(pageUrl: string | null, accounts: readonly AccountMeta[]): ActiveSiteReply {
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
  return { domain, accountIds, fillableIds };
}
