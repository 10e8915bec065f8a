import { describe, expect, it } from 'vitest';
import { createServiceIconIndex, findServiceIcon, serviceNameKey } from '@/lib/service-icons';
import { SERVICE_ICONS } from '@/lib/service-icons/icons.generated';
import type { SiteBinding } from '@/lib/vault';

const index = createServiceIconIndex(SERVICE_ICONS);
const slugFor = (issuer: string, sites: SiteBinding[] = []) => findServiceIcon(index, { issuer, sites })?.slug ?? null;

describe('serviceNameKey', () => {
  it.each([
    ['GitHub', 'github'],
    ['  git hub ', 'github'],
    ['google.com', 'google'],
    ['https://www.GitLab.com/', 'gitlab'],
    ['Microsoft account', 'microsoft'],
    ['Proton AG', 'protonag'],
    ['Société Générale', 'societegenerale'],
    ['Battle.net', 'battle'],
    ['Account', 'account'],
  ])('%j → %j', (name, key) => {
    expect(serviceNameKey(name)).toBe(key);
  });
});

describe('findServiceIcon by issuer', () => {
  it.each([
    ['GitHub', 'github'],
    ['github.com', 'github'],
    ['GitLab.com', 'gitlab'],
    ['Google', 'google'],
    ['google.com', 'google'],
    ['accounts.google.com', 'google'],
    ['Google Account', 'google'],
    ['Gmail', 'gmail'],
    ['Proton', 'proton'],
    ['Proton Mail', 'protonmail'],
    ['ProtonMail', 'protonmail'],
    ['Discord', 'discord'],
    ['discord.com', 'discord'],
    ['Twitter', 'x'],
    ['X', 'x'],
    ['Coinbase', 'coinbase'],
    ['Binance.com', 'binance'],
    ['Steam', 'steam'],
    ['Blizzard', 'battledotnet'],
    ['Battle.net', 'battledotnet'],
    ['Epic Games', 'epicgames'],
    ['PayPal', 'paypal'],
    ['Bitwarden', 'bitwarden'],
    ['1Password', '1password'],
    ['Cloudflare', 'cloudflare'],
    ['npm', 'npm'],
    ['PyPI', 'pypi'],
    ['Namecheap', 'namecheap'],
    ['Dropbox', 'dropbox'],
    ['Facebook', 'facebook'],
    ['Reddit', 'reddit'],
    ['Docker Hub', 'docker'],
    ['Hugging Face', 'huggingface'],
    ['Stack Overflow', 'stackoverflow'],
    ['Cloud.google.com', 'googlecloud'],
  ])('%j → %s', (issuer, slug) => {
    expect(slugFor(issuer)).toBe(slug);
  });

  it.each([
    // simple-icons removed these marks at their owners' request: they keep the letter tile.
    'Amazon Web Services',
    'AWS',
    'Amazon',
    'Microsoft',
    'Microsoft account',
    'Outlook',
    'Slack',
    'LinkedIn',
    // No service at all, or a generic word.
    'Hometown Savings',
    'Account',
    '',
  ])('%j → no icon (letter tile)', (issuer) => {
    expect(slugFor(issuer)).toBeNull();
  });
});

describe('findServiceIcon by bound site', () => {
  it('matches a site binding or an origin binding by registrable domain, and the longest listed domain first', () => {
    expect(slugFor('', [{ match: 'site', site: 'github.com' }])).toBe('github');
    expect(slugFor('Work login', [{ match: 'origin', origin: 'https://gitlab.com' }])).toBe('gitlab');
    expect(slugFor('', [{ match: 'origin', origin: 'https://console.cloud.google.com' }])).toBe('googlecloud');
    expect(slugFor('', [{ match: 'origin', origin: 'https://mail.google.com' }])).toBe('google');
  });

  it('lets the issuer decide over the bound site, and ignores a site it does not know', () => {
    expect(slugFor('Gmail', [{ match: 'site', site: 'google.com' }])).toBe('gmail');
    expect(slugFor('Hometown Savings', [{ match: 'site', site: 'hometown.example' }])).toBeNull();
  });

  it('does not take a look-alike domain for the service', () => {
    expect(slugFor('', [{ match: 'site', site: 'github.com.evil.example' }])).toBeNull();
    expect(slugFor('', [{ match: 'site', site: 'notgithub.com' }])).toBeNull();
  });
});
