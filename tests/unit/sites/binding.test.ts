import { describe, expect, it } from 'vitest';
import {
  accountsForOrigin,
  bindingMatches,
  originOf,
  parseSiteInput,
  registrableDomain,
  SiteError,
  type SiteBinding,
} from '@/lib/sites/binding';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SiteError ? error.code : `untyped:${String(error)}`;
  }
  return undefined;
}

describe('registrableDomain', () => {
  it.each([
    ['a.example.com', 'example.com'],
    ['EXAMPLE.com.', 'example.com'],
    ['a.b.co.uk', 'b.co.uk'],
    ['a.example.test', 'example.test'], // unknown TLD: implicit `*` rule
    ['example.test.evil.test', 'evil.test'],
    ['deep.a.example.test', 'example.test'],
    ['alice.github.io', 'alice.github.io'], // private PSL section counts
    ['münchen.de', 'xn--mnchen-3ya.de'], // punycode out
    ['www.xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '[::1]'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });

  it.each([
    ['co.uk', 'public-suffix'],
    ['github.io', 'public-suffix'],
    ['test', 'public-suffix'],
    ['a..b.com', 'invalid-host'],
    ['example.com..', 'invalid-host'],
    ['example.com@evil.test', 'invalid-host'],
    ['example.com/evil', 'invalid-host'],
    ['', 'empty'],
  ])('refuses %j with %s', (host, code) => {
    expect(codeOf(() => registrableDomain(host))).toBe(code);
  });
});

describe('originOf', () => {
  it.each([
    ['https://EXAMPLE.com.:443/path?q#f', 'https://example.com'],
    ['https://example.com:8443/', 'https://example.com:8443'],
    ['http://example.com:80', 'http://example.com'],
    ['https://münchen.de/', 'https://xn--mnchen-3ya.de'],
    ['https://user:pw@example.com/', 'https://example.com'],
    ['http://[::1]:3000/', 'http://[::1]:3000'],
  ])('%s → %s', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });

  it.each([
    ['null', 'opaque-origin'],
    ['about:blank', 'opaque-origin'],
    ['about:srcdoc', 'opaque-origin'],
    ['data:text/html,<input>', 'opaque-origin'],
    ['blob:https://example.com/0f3c', 'opaque-origin'],
    ['javascript:alert(1)', 'opaque-origin'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['chrome-extension://abcdef/popup.html', 'unsupported-scheme'],
    ['https://exa mple.com', 'invalid-url'],
    ['https://a..b.com/', 'invalid-host'],
  ])('refuses %s with %s', (url, code) => {
    expect(codeOf(() => originOf(url))).toBe(code);
  });
});

describe('bindingMatches', () => {
  const exact: SiteBinding = { match: 'origin', origin: 'https://a.example.com' };
  const site: SiteBinding = { match: 'site', site: 'example.com' };

  it.each([
    // T9: lookalikes
    [site, 'https://example.com.evil.io', false],
    [site, 'https://examp1e.com', false],
    [site, 'https://xn--exmple-cua.com', false], // exämple.com
    [site, 'https://example.co', false],
    [site, 'https://notexample.com', false],
    [exact, 'https://a.example.com.evil.io', false],
    // T10: sibling subdomain of an exact-origin binding
    [exact, 'https://b.example.com', false],
    [exact, 'https://example.com', false],
    [exact, 'https://x.a.example.com', false],
    // ports and schemes
    [exact, 'https://a.example.com:444', false],
    [exact, 'http://a.example.com', false],
    [site, 'http://example.com', false],
    [site, 'http://a.example.com', false],
    // T12: opaque origins
    [site, 'null', false],
    [exact, 'null', false],
    [site, 'about:blank', false],
    [site, 'blob:https://example.com/x', false],
    [site, 'data:text/html,x', false],
    // the positive cases
    [exact, 'https://a.example.com', true],
    [exact, 'https://A.EXAMPLE.COM.:443', true],
    [site, 'https://example.com', true],
    [site, 'https://deep.a.example.com:8443', true],
    [site, 'https://example.com.', true],
  ] as const)('%j on %s → %s', (binding, origin, expected) => {
    expect(bindingMatches(binding, origin)).toBe(expected);
  });

  it('treats an unknown TLD like any other (test hosts)', () => {
    const testSite: SiteBinding = { match: 'site', site: 'example.test' };
    expect(bindingMatches(testSite, 'https://a.example.test')).toBe(true);
    expect(bindingMatches(testSite, 'https://examp1e.test')).toBe(false);
    expect(bindingMatches(testSite, 'https://example.test.evil.test')).toBe(false);
  });

  it('keeps customers of a private suffix apart', () => {
    expect(bindingMatches({ match: 'site', site: 'alice.github.io' }, 'https://mallory.github.io')).toBe(false);
    expect(bindingMatches({ match: 'site', site: 'github.io' }, 'https://alice.github.io')).toBe(false);
  });

  it('never widens a site binding that is not a registrable domain', () => {
    expect(bindingMatches({ match: 'site', site: 'a.example.com' }, 'https://a.example.com')).toBe(false);
  });

  it('compares IDN bindings in punycode', () => {
    expect(bindingMatches({ match: 'site', site: 'münchen.de' }, 'https://www.xn--mnchen-3ya.de')).toBe(true);
    expect(bindingMatches({ match: 'site', site: 'munchen.de' }, 'https://xn--mnchen-3ya.de')).toBe(false);
  });

  it('allows plain http only on loopback hosts', () => {
    expect(bindingMatches({ match: 'origin', origin: 'http://localhost:3000' }, 'http://localhost:3000')).toBe(true);
    expect(bindingMatches({ match: 'origin', origin: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080')).toBe(true);
    expect(bindingMatches({ match: 'origin', origin: 'http://localhost:3000' }, 'http://localhost:3001')).toBe(false);
    expect(bindingMatches({ match: 'origin', origin: 'http://example.com' }, 'http://example.com')).toBe(false);
  });

  it('fails closed on a malformed binding', () => {
    expect(bindingMatches({ match: 'origin', origin: 'not a url' }, 'https://example.com')).toBe(false);
    expect(bindingMatches({ match: 'site', site: '' }, 'https://example.com')).toBe(false);
    expect(bindingMatches({ match: 'nope' } as unknown as SiteBinding, 'https://example.com')).toBe(false);
  });
});

describe('accountsForOrigin', () => {
  it('ranks exact-origin bindings before same-site ones and drops the rest', () => {
    const accounts = [
      { id: 'site', sites: [{ match: 'site', site: 'example.com' }] as SiteBinding[] },
      { id: 'none' },
      { id: 'other', sites: [{ match: 'site', site: 'example.org' }] as SiteBinding[] },
      { id: 'exact', sites: [{ match: 'origin', origin: 'https://login.example.com' }] as SiteBinding[] },
    ];
    const ranked = accountsForOrigin(accounts, 'https://login.example.com');
    expect(ranked.map((m) => [m.account.id, m.match])).toEqual([
      ['exact', 'origin'],
      ['site', 'site'],
    ]);
  });

  it('returns nothing for an opaque origin', () => {
    const accounts = [{ sites: [{ match: 'site', site: 'example.com' }] as SiteBinding[] }];
    expect(accountsForOrigin(accounts, 'null')).toEqual([]);
  });
});

describe('parseSiteInput', () => {
  it.each([
    ['example.com', { match: 'site', site: 'example.com' }],
    ['  Example.COM. ', { match: 'site', site: 'example.com' }],
    ['example.com/login', { match: 'site', site: 'example.com' }],
    ['https://a.example.com', { match: 'origin', origin: 'https://a.example.com' }],
    ['https://a.example.com/login?x=1', { match: 'origin', origin: 'https://a.example.com' }],
    ['a.example.com', { match: 'origin', origin: 'https://a.example.com' }],
    ['example.com:8443', { match: 'origin', origin: 'https://example.com:8443' }],
    ['http://localhost:3000', { match: 'origin', origin: 'http://localhost:3000' }],
    ['münchen.de', { match: 'site', site: 'xn--mnchen-3ya.de' }],
  ])('%j → %j', (text, expected) => {
    expect(parseSiteInput(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['hello world', 'invalid-host'],
    ['example', 'invalid-host'],
    ['co.uk', 'public-suffix'],
    ['github.io', 'public-suffix'],
    ['http://example.com', 'insecure-scheme'],
    ['ftp://example.com', 'unsupported-scheme'],
    ['javascript:alert(1)', 'opaque-origin'],
    ['https://example.com@evil.test', 'credentials-in-url'],
    ['https://', 'invalid-url'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(() => parseSiteInput(text))).toBe(code);
  });
});
