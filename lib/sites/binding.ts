/**
 * Owns the rules for which web origin an account may fill on: origin and registrable-domain
 * normalisation (Public Suffix List via tldts), binding matching, ranking and the editor's input parser.
 */
import { parse as parseDomain } from 'tldts';
import { TesseraError, type SiteErrorCode } from '@/lib/errors';

/** An account's permission to fill: one exact origin, or every https origin of one registrable domain. */
export type SiteBinding = { match: 'origin'; origin: string } | { match: 'site'; site: string };

export type { SiteErrorCode };

export class SiteError extends TesseraError {
  declare readonly code: SiteErrorCode;
  constructor(code: SiteErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

// Private PSL entries (github.io, appspot.com, ...) count: each customer there is a different party,
// so `alice.github.io` must never be the same site as `mallory.github.io`.
const TLDTS_OPTIONS = { allowPrivateDomains: true } as const;

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** True for hosts that browsers treat as loopback (potentially trustworthy even over http). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || LOOPBACK_V4.test(host);
}

/**
 * Canonical host: lower case, punycode (IDNA via the URL parser), one trailing dot removed,
 * IPv6 in brackets. Throws `invalid-host` for anything that is not a bare host name.
 */
export function normalizeHost(host: string): string {
  if (typeof host !== 'string') throw new TypeError('host must be a string');
  let raw = host.trim();
  if (raw === '') throw new SiteError('empty', 'The host is empty.');
  // A bare IPv6 address arrives without brackets from some APIs (tldts, sender data).
  if (raw.includes(':') && !raw.startsWith('[') && /^[0-9a-f:.]+$/i.test(raw)) raw = `[${raw}]`;
  // Reject anything the URL parser would silently read as userinfo, port, path or query:
  // `example.com@evil.test` must not become `evil.test`.
  const withoutV6 = raw.startsWith('[') && raw.endsWith(']') ? '' : raw;
  if (/[\s/\\@?#:%]/.test(withoutV6)) throw new SiteError('invalid-host', 'Not a host name.');
  let parsed: URL;
  try {
    parsed = new URL(`https://${raw}/`);
  } catch (cause) {
    throw new SiteError('invalid-host', 'Not a host name.', { cause });
  }
  return canonicalHostname(parsed.hostname);
}

function canonicalHostname(hostname: string): string {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host === '' || host.split('.').some((label) => label === '')) {
    // `a..b.com`, `example.com..`: the URL parser keeps empty labels, DNS never resolves them.
    throw new SiteError('invalid-host', 'The host has an empty label.');
  }
  return host;
}

/**
 * The registrable domain (eTLD+1, punycode) of a host. IP addresses and `localhost` are their own
 * site. Unknown TLDs (`.test`) follow the PSL's implicit `*` rule: the last label is the suffix,
 * so `a.example.test` → `example.test`. A host that is itself a public suffix throws `public-suffix`.
 */
export function registrableDomain(host: string): string {
  const normal = normalizeHost(host);
  if (normal === 'localhost' || normal.startsWith('[')) return normal;
  const info = parseDomain(normal, TLDTS_OPTIONS);
  if (info.isIp) return normal;
  const labels = normal.split('.');
  if (info.publicSuffix !== null && !info.isIcann && !info.isPrivate) {
    // Not on the list at all: apply the implicit `*` rule ourselves rather than rely on how a
    // given tldts version reports unknown suffixes.
    if (labels.length < 2) throw new SiteError('public-suffix', 'The host is a top-level domain.');
    return labels.slice(-2).join('.');
  }
  if (info.domain === null) throw new SiteError('public-suffix', 'The host is a public suffix, not a site.');
  return info.domain;
}

/**
 * The serialised origin (`scheme://host[:port]`, default port dropped, punycode, no trailing dot)
 * of an http(s) URL or origin string. Throws rather than returning null, so a caller cannot treat
 * "no origin" as a value: `opaque-origin` for `null`, `about:`, `data:`, `blob:`, `javascript:`
 * (sandboxed frames, srcdoc and blobs must never inherit a bindable origin);
 * `unsupported-scheme` for other schemes; `invalid-url` for unparsable text. http is returned:
 * whether it may fill is `bindingMatches`' decision.
 */
export function originOf(url: string): string {
  if (typeof url !== 'string') throw new TypeError('url must be a string');
  const text = url.trim();
  if (text === '' || text === 'null') throw new SiteError('opaque-origin', 'The frame has an opaque origin.');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch (cause) {
    throw new SiteError('invalid-url', 'Not a URL.', { cause });
  }
  const scheme = parsed.protocol;
  if (['about:', 'data:', 'blob:', 'javascript:', 'filesystem:'].includes(scheme)) {
    throw new SiteError('opaque-origin', `A ${scheme} document has no origin of its own.`);
  }
  if (scheme !== 'https:' && scheme !== 'http:') {
    throw new SiteError('unsupported-scheme', `Only http and https pages can be bound (got ${scheme}).`);
  }
  const host = canonicalHostname(parsed.hostname);
  return `${scheme}//${host}${parsed.port === '' ? '' : `:${parsed.port}`}`;
}

type ParsedOrigin = { scheme: 'http:' | 'https:'; host: string; origin: string };

function parseOrigin(origin: string): ParsedOrigin {
  const normal = originOf(origin);
  const url = new URL(normal);
  return { scheme: url.protocol as ParsedOrigin['scheme'], host: canonicalHostname(url.hostname), origin: normal };
}

/** Whether a page origin may fill under http at all: only loopback hosts, for development. */
function schemeAllowed(o: ParsedOrigin): boolean {
  return o.scheme === 'https:' || isLoopbackHost(o.host);
}

/**
 * Whether a value may be handed to `origin` at all: https, or http on a loopback host (what
 * browsers call potentially trustworthy). On plain http a network observer sees what is filled.
 */
export function isTrustworthyOrigin(origin: string): boolean {
  try {
    return schemeAllowed(parseOrigin(origin));
  } catch {
    return false;
  }
}

/**
 * Whether `origin` (a frame's own origin, from the browser, never from the page) is covered by
 * `binding`. Fails closed: malformed bindings or origins, opaque origins and plain-http
 * non-loopback origins never match.
 */
export function bindingMatches(binding: SiteBinding, origin: string): boolean {
  let page: ParsedOrigin;
  try {
    page = parseOrigin(origin);
  } catch {
    return false;
  }
  if (!schemeAllowed(page)) return false;
  try {
    if (binding.match === 'origin') {
      return parseOrigin(binding.origin).origin === page.origin;
    }
    if (binding.match === 'site') {
      // The site must itself be a registrable domain: a binding `a.example.com` matches nothing
      // rather than silently widening to `example.com`.
      const site = normalizeHost(binding.site);
      return registrableDomain(page.host) === site;
    }
  } catch {
    return false;
  }
  return false;
}

export type AccountMatch<T> = { account: T; match: 'origin' | 'site' };

/**
 * The accounts allowed to fill on `origin`, best first: exact-origin bindings before same-site
 * ones; otherwise the input order is kept (it is the user's order).
 */
export function accountsForOrigin<T extends { sites?: readonly SiteBinding[] }>(
  accounts: readonly T[],
  origin: string,
): AccountMatch<T>[] {
  const exact: AccountMatch<T>[] = [];
  const site: AccountMatch<T>[] = [];
  for (const account of accounts) {
    const bindings = account.sites ?? [];
    if (bindings.some((b) => b.match === 'origin' && bindingMatches(b, origin))) {
      exact.push({ account, match: 'origin' });
    } else if (bindings.some((b) => b.match === 'site' && bindingMatches(b, origin))) {
      site.push({ account, match: 'site' });
    }
  }
  return [...exact, ...site];
}

/**
 * The registrable domain a binding belongs to, for grouping ("This site") only: never for
 * deciding where to fill, which is `bindingMatches`' job. Null for a malformed binding.
 */
export function bindingDomain(binding: SiteBinding): string | null {
  try {
    return binding.match === 'site'
      ? registrableDomain(binding.site)
      : registrableDomain(parseOrigin(binding.origin).host);
  } catch {
    return null;
  }
}

/**
 * Parses what the user typed in the binding editor. `https://a.example.com/login` → origin binding
 * (path dropped); `example.com` (a registrable domain) → site binding; a bare host with a
 * subdomain or port (`a.example.com`, `example.com:8443`) → https origin binding for exactly that
 * host, never silently widened to the whole site. http is accepted only for loopback hosts.
 */
export function parseSiteInput(text: string): SiteBinding {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const input = text.trim();
  if (input === '') throw new SiteError('empty', 'Enter a site or an address.');
  if (/\s/.test(input)) throw new SiteError('invalid-host', 'A site name has no spaces.');
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(input);
  const hasScheme = schemeMatch !== null && (input.includes('://') || !/^[^:]+:\d+(?:\/|$)/.test(input));
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `https://${input}`);
  } catch (cause) {
    throw new SiteError('invalid-url', 'Not a web address.', { cause });
  }
  if (url.username !== '' || url.password !== '') {
    // `https://example.com@evil.test` reads as example.com but is evil.test.
    throw new SiteError('credentials-in-url', 'Addresses with a user name or password are not accepted.');
  }
  const origin = originOf(url.href);
  const parsed = parseOrigin(origin);
  if (!schemeAllowed(parsed)) {
    throw new SiteError('insecure-scheme', 'Only https sites can be bound (http only for localhost).');
  }
  if (!parsed.host.startsWith('[') && !parseDomain(parsed.host, TLDTS_OPTIONS).isIp) {
    if (!parsed.host.includes('.') && !isLoopbackHost(parsed.host)) {
      throw new SiteError('invalid-host', 'A site name needs a dot, like example.com.');
    }
    // Throws `public-suffix` for `co.uk`, `github.io`, `test`.
    const site = registrableDomain(parsed.host);
    if (!hasScheme && url.port === '' && site === parsed.host) return { match: 'site', site };
  }
  return { match: 'origin', origin };
}
