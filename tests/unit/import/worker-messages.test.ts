/**
 * Encrypted imports are parsed in a dedicated Worker, which has no `browser.i18n`: the page sends
 * it IMPORT_MESSAGE_KEYS from its own catalogue. A parser that starts using another key would
 * get its name back instead of text in the worker, so the list must hold every key lib/import uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_MESSAGE_KEYS, importFile } from '@/lib/import';
import { catalogueOf, setMessageSource, sourceFromCatalogue, type Catalogue } from '@/lib/i18n';
import english from '../../../public/_locales/en/messages.json';

const IMPORT_DIR = fileURLToPath(new URL('../../../lib/import/', import.meta.url));
/** The parsers name entries through it, so its keys are needed in the worker too. */
const ACCOUNT_LABEL = fileURLToPath(new URL('../../../lib/accounts/label.ts', import.meta.url));

function keysUsedByImport(): string[] {
  const keys = new Set<string>();
  const files = [...readdirSync(IMPORT_DIR).filter((name) => name.endsWith('.ts')).map((name) => IMPORT_DIR + name), ACCOUNT_LABEL];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\b(?:t|tPlural)\(\s*'([a-z0-9_]+)'/g)) keys.add(match[1]!);
  }
  return [...keys].sort();
}

describe('the import worker’s messages', () => {
  afterEach(() => setMessageSource(sourceFromCatalogue(english as Catalogue, 'en-US')));

  it('IMPORT_MESSAGE_KEYS are exactly the catalogue keys lib/import and accountLabel use', () => {
    const used = keysUsedByImport();
    expect(used.length).toBeGreaterThan(0);
    expect([...IMPORT_MESSAGE_KEYS].sort()).toEqual(used);
  });

  it('a worker bound to the page’s catalogueOf names unnamed entries in the page’s language', async () => {
    const german = { import_line_label: { message: 'Zeile $NUMBER$', placeholders: { number: { content: '$1' } } } };
    setMessageSource(sourceFromCatalogue(german, 'de', english as Catalogue));
    const sent = catalogueOf(IMPORT_MESSAGE_KEYS);
    expect(sent.uiLanguage).toBe('de');
    // Only what the worker receives: no fallback to the English file there.
    setMessageSource(sourceFromCatalogue(sent.catalogue, sent.uiLanguage));
    const { candidates } = await importFile('codes.txt', 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP\notpauth://totp/Acme:ann?secret=JBSWY3DPEHPK3PXP&issuer=Acme\n');
    expect(candidates.map((c) => c.label)).toEqual(['Zeile 1', 'Acme (ann)']);
  });
});
