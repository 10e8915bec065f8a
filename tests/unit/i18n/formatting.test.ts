import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatNumber, prepareFormatting, setMessageSource, sourceFromCatalogue, tPlural, type Catalogue } from '@/lib/i18n';

const english = JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Catalogue;

afterEach(() => vi.unstubAllGlobals());

/** `Intl` counting the formatters created (the expensive step in a browser that has just started). */
function countingIntl() {
  const created = { numberFormats: 0, pluralRules: 0 };
  const { NumberFormat, PluralRules } = Intl;
  vi.stubGlobal(
    'Intl',
    Object.create(Intl, {
      NumberFormat: {
        value: function (...args: ConstructorParameters<typeof NumberFormat>) {
          created.numberFormats++;
          return new NumberFormat(...args);
        },
      },
      PluralRules: {
        value: function (...args: ConstructorParameters<typeof PluralRules>) {
          created.pluralRules++;
          return new PluralRules(...args);
        },
      },
    }),
  );
  return created;
}

describe('prepareFormatting', () => {
  it('creates the formatters the rows use, so their first drawing creates none', () => {
    setMessageSource(sourceFromCatalogue(english, 'en'));
    const created = countingIntl();

    prepareFormatting();
    expect(created).toEqual({ numberFormats: 1, pluralRules: 1 });

    // What each countdown says every second, and a number in a sentence.
    expect(tPlural('countdown_seconds_left', 1)).toMatch(/\b1\b/);
    expect(tPlural('countdown_seconds_left', 25)).toMatch(/\b25\b/);
    expect(formatNumber(1200)).toBe('1,200');
    expect(created).toEqual({ numberFormats: 1, pluralRules: 1 });
  });

  it('formats in the language of a source bound later (a new page), not the first one', () => {
    setMessageSource(sourceFromCatalogue(english, 'en'));
    prepareFormatting();
    setMessageSource(sourceFromCatalogue(english, 'de'));
    expect(formatNumber(1200)).toBe('1.200');
  });
});
