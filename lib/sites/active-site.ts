/** Which accounts belong to the site of the page the user is on, for the popup's "This site". */
import type { ActiveSiteReply } from '../messaging';
import type { AccountMeta } from '../vault/types';
import { bindingDomain, originOf, registrableDomain } from './binding';

export function activeSite(pageUrl: string | null, accounts: readonly AccountMeta[]): ActiveSiteReply {
  let domain: string;
  try {
    if (!pageUrl) return { domain: null, accountIds: [] };
    domain = registrableDomain(new URL(originOf(pageUrl)).hostname);
  } catch {
    return { domain: null, accountIds: [] };
  }
  const accountIds = accounts.filter((a) => a.sites.some((b) => bindingDomain(b) === domain)).map((a) => a.id);
  return { domain, accountIds };
}
