import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, renderServiceIconModule } from '../../../scripts/build-service-icons';
import { SERVICE_ICONS } from '@/lib/service-icons/icons.generated';

describe('generated service icons', () => {
  it('are what the script makes from the curated list and the pinned simple-icons (run `npm run icons` if not)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(renderServiceIconModule());
  });

  it('hold a few hundred services, each a single 24×24 path, a colour and at least one domain, with no URL', () => {
    expect(SERVICE_ICONS.length).toBeGreaterThanOrEqual(250);
    for (const [slug, title, hex, path, domains] of SERVICE_ICONS) {
      expect(hex, slug).toMatch(/^[0-9A-F]{6}$/i);
      expect(path, slug).toMatch(/^[Mm][\d.\s,\-a-zA-Z]+$/);
      expect(domains.length, slug).toBeGreaterThan(0);
      expect(title.length, slug).toBeGreaterThan(0);
      for (const domain of domains) expect(domain, slug).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
    }
  });

  it('refuses a slug simple-icons does not have, and a listed icon under another licence', () => {
    expect(() => renderServiceIconModule('nosuchservice\tnosuch.example\n')).toThrow(/no icon "nosuchservice"/);
    expect(() => renderServiceIconModule('jenkins\tjenkins.io\n')).toThrow(/CC-BY-SA/);
  });
});
