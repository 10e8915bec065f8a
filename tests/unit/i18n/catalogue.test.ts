import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFromCatalogue, type Catalogue } from '@/lib/i18n';
import { messageArgsSource } from '../../../scripts/i18n-types';
import { catalogueProblems, pluralBases } from './catalogue-rules';

const ROOT = path.resolve(__dirname, '../../..');
const LOCALES = path.join(ROOT, 'public/_locales');
const read = (file: string) => readFileSync(file, 'utf8');
const catalogueOf = (lang: string) => JSON.parse(read(path.join(LOCALES, lang, 'messages.json'))) as Catalogue;
const english = catalogueOf('en');
const languages = readdirSync(LOCALES).filter((name) => statSync(path.join(LOCALES, name)).isDirectory());

/** Every product source file that may name a message key (the generated type list excluded). */
function productSources(): string {
  const files: string[] = [path.join(ROOT, 'wxt.config.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|tsx)$/.test(name) && !file.endsWith(path.join('i18n', 'message-args.ts'))) files.push(file);
    }
  };
  for (const dir of ['components', 'entrypoints', 'lib']) walk(path.join(ROOT, dir));
  return files.map(read).join('\n');
}

describe('message catalogue', () => {
  it('English describes every message for translators', () => {
    const undescribed = Object.entries(english).filter(([, entry]) => !entry.description || entry.description.length < 10);
    expect(undescribed.map(([key]) => key)).toEqual([]);
  });

  it('English declares a placeholder for every $NAME$ it uses', () => {
    expect(catalogueProblems(english, english, 'en')).toEqual([]);
  });

  it.each(languages.filter((lang) => lang !== 'en'))('%s has every key, the same placeholders and its plural forms', (lang) => {
    expect(catalogueProblems(english, catalogueOf(lang), lang)).toEqual([]);
  });

  it('finds a locale that misses a key, a placeholder or a plural form', () => {
    const russian: Catalogue = structuredClone(english);
    delete russian.popup_settings;
    russian.row_edit_label = { message: 'Изменить' };
    const problems = catalogueProblems(english, russian, 'ru');
    expect(problems).toContain('ru: missing popup_settings');
    expect(problems).toContain('ru: row_edit_label has other placeholders than English');
    // Russian needs "few" and "many" beyond English's "one" and "other".
    expect(problems).toContain('ru: countdown_seconds_left lacks its plural form "few"');
    expect(problems).toContain('ru: countdown_seconds_left lacks its plural form "many"');
  });

  it('finds a key the English catalogue does not have', () => {
    const german: Catalogue = { ...structuredClone(english), popup_settingz: { message: 'Einstellungen' } };
    expect(catalogueProblems(english, german, 'de')).toContain('de: popup_settingz is not in the English catalogue');
  });

  it('has no unused keys: each is named in the source (plural families by their base, errors by their code)', () => {
    const source = productSources();
    const errorCodes = read(path.join(ROOT, 'lib/errors.ts'));
    const bases = pluralBases(english);
    const unused = Object.keys(english).filter((key) => {
      const family = key.replace(/_(zero|one|two|few|many|other)$/, '');
      if (family !== key && bases.has(family)) return !source.includes(`'${family}'`);
      if (key.startsWith('error_') && !key.startsWith('error_explain_')) {
        const code = key.slice('error_'.length).replaceAll('_', '-');
        // An error's text is found by its code; a variant of it (lib/error-text.ts) is named in the source.
        return !errorCodes.includes(`'${code}'`) && !source.includes(`'${key}'`);
      }
      return !source.includes(`'${key}'`) && !source.includes(`__MSG_${key}__`);
    });
    expect(unused).toEqual([]);
  });

  it('names in the manifest only messages English has', () => {
    const names = [...read(path.join(ROOT, 'wxt.config.ts')).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !(name in english))).toEqual([]);
  });

  it('lib/i18n/message-args.ts is generated from the current English catalogue', () => {
    expect(read(path.join(ROOT, 'lib/i18n/message-args.ts'))).toBe(messageArgsSource(english));
  });
});

describe('numbers an administrator chooses', () => {
  // A policy's minimum passphrase length can be any number. Russian nouns agree with the number
  // (21 символ-а, 25 символ-ов), and these messages are not plural families, so the word after
  // the number must not need agreeing: an abbreviation (симв.), or the number last, as Arabic does.
  it('Russian puts no inflected noun after the passphrase minimum', () => {
    const russian = catalogueOf('ru');
    const inflected = Object.entries(russian)
      .filter(([, entry]) => /\$MIN\$\s+(?!симв\.)[А-Яа-яЁё]/.test(entry.message))
      .map(([key]) => key);
    expect(inflected).toEqual([]);
  });
});

describe('sourceFromCatalogue', () => {
  it('fills named placeholders from $1, $2 as Chrome does', () => {
    const messages = sourceFromCatalogue(english, 'en');
    expect(messages.getMessage('announce_moved', ['GitHub', '2', '7'])).toBe('Moved GitHub to position 2 of 7.');
    expect(messages.getMessage('no_such_key')).toBe('');
  });
});
