/** Owns finding a service's icon for an account: by its issuer (normalised, with aliases) or by the site it is bound to. */
import type { SiteBinding } from '../vault';
import type { ServiceIconData } from './types';

export type ServiceIcon = { slug: string; title: string; hex: string; path: string };

export interface ServiceIconIndex {
  byName: ReadonlyMap<string, ServiceIcon>;
  byDomain: ReadonlyMap<string, ServiceIcon>;
}

/** Words that say nothing about which service it is ("Microsoft account", "Acme Inc."). */
const FILLER_WORDS = new Set(['account', 'accounts', 'login', 'signin', 'sso', '2fa', 'mfa', 'inc', 'llc', 'ltd', 'gmbh', 'corp', 'corporation']);

/**
 * An issuer or service name as a lookup key: accents, case, spaces and punctuation dropped,
 * filler words removed, and a domain name reduced to its name ("google.com" → "google").
 */
export function serviceNameKey(name: string): string {
  let text = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const domain = asDomain(text);
  if (domain) text = domain.split('.').slice(-2)[0]!;
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const kept = words.length > 1 ? words.filter((word) => !FILLER_WORDS.has(word)) : words;
  return kept.join('');
}

/** `name` when it is a bare host name such as "accounts.google.com" (no spaces, a dot, a letter TLD). */
function asDomain(text: string): string | null {
  const host = text.replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(host) ? host : null;
}

export function createServiceIconIndex(data: readonly ServiceIconData[]): ServiceIconIndex {
  const byName = new Map<string, ServiceIcon>();
  const byDomain = new Map<string, ServiceIcon>();
  for (const [slug, title, hex, path, domains, aliases] of data) {
    const icon = { slug, title, hex, path };
    // The first service to claim a name keeps it (the list puts the main brand before its products).
    for (const name of [title, slug, ...aliases]) {
      const key = serviceNameKey(name);
      if (key && !byName.has(key)) byName.set(key, icon);
    }
    for (const domain of domains) if (!byDomain.has(domain)) byDomain.set(domain, icon);
  }
  return { byName, byDomain };
}

/** The icon for a host: the longest listed domain it is, or is under ("cloud.google.com" before "google.com"). */
function iconForHost(index: ServiceIconIndex, host: string): ServiceIcon | null {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let start = 0; start < labels.length - 1; start++) {
    const icon = index.byDomain.get(labels.slice(start).join('.'));
    if (icon) return icon;
  }
  return null;
}

function hostOf(binding: SiteBinding): string | null {
  if (binding.match === 'site') return binding.site;
  try {
    return new URL(binding.origin).hostname;
  } catch {
    return null;
  }
}

/**
 * The account's service icon, or null (a letter tile then). The issuer decides first, as it names
 * the service the user sees; then the sites the account is bound to.
 */
export function findServiceIcon(
  index: ServiceIconIndex,
  account: { issuer: string; sites: readonly SiteBinding[] },
): ServiceIcon | null {
  const issuer = account.issuer.trim();
  if (issuer) {
    const domain = asDomain(issuer.toLowerCase());
    const byIssuer = (domain && iconForHost(index, domain)) || index.byName.get(serviceNameKey(issuer));
    if (byIssuer) return byIssuer;
  }
  for (const binding of account.sites) {
    const host = hostOf(binding);
    const icon = host ? iconForHost(index, host) : null;
    if (icon) return icon;
  }
  return null;
}
