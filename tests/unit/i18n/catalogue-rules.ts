/**
 * The rules every `_locales/<lang>/messages.json` follows, as a function the catalogue test runs
 * on each locale (and on a broken one, to show it fails).
 */
import type { Catalogue } from '@/lib/i18n';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** `<base>` of every plural family of the English catalogue (a family is known by its `_other`). */
export function pluralBases(english: Catalogue): Set<string> {
  return new Set(Object.keys(english).filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -'_other'.length)));
}

/** The CLDR categories a language's plurals use, from the runtime's own data. */
export function pluralCategories(lang: string): string[] {
  return new Intl.PluralRules(lang.replace('_', '-')).resolvedOptions().pluralCategories;
}

/** `$1`… each placeholder stands for, by name: what must match between locales. */
function placeholderShape(entry: Catalogue[string] | undefined): string {
  const placeholders = Object.entries(entry?.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`);
  return placeholders.sort().join(',');
}

/** The `$NAME$` references a message makes (case-insensitive, as Chrome reads them). */
function references(message: string): string {
  return [...new Set([...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort().join(',');
}

/** Everything wrong with `locale` (language `lang`) against the English catalogue; empty when it is complete. */
export function catalogueProblems(english: Catalogue, locale: Catalogue, lang: string): string[] {
  const problems: string[] = [];
  const bases = pluralBases(english);
  const categories = pluralCategories(lang);
  const familyOf = (key: string) => {
    const base = key.replace(PLURAL_SUFFIX, '');
    return base !== key && bases.has(base) ? base : null;
  };
  for (const key of Object.keys(english)) {
    if (!(key in locale)) problems.push(`${lang}: missing ${key}`);
  }
  for (const [key, entry] of Object.entries(locale)) {
    const family = familyOf(key);
    const reference = english[key] ?? (family ? english[`${family}_other`] : undefined);
    if (!reference) {
      problems.push(`${lang}: ${key} is not in the English catalogue`);
      continue;
    }
    if (typeof entry.message !== 'string' || entry.message.trim() === '') problems.push(`${lang}: ${key} is empty`);
    if (placeholderShape(entry) !== placeholderShape(reference)) problems.push(`${lang}: ${key} has other placeholders than English`);
    const declared = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
    for (const name of references(entry.message).split(',').filter(Boolean)) {
      if (!declared.has(name)) problems.push(`${lang}: ${key} uses $${name.toUpperCase()}$, which it does not declare`);
    }
    // Outside plural forms (where one form may leave the number out), every value is said.
    if (!family && references(entry.message) !== references(reference.message)) {
      problems.push(`${lang}: ${key} drops or adds a placeholder`);
    }
  }
  for (const base of bases) {
    for (const category of categories) {
      if (!(`${base}_${category}` in locale)) problems.push(`${lang}: ${base} lacks its plural form "${category}"`);
    }
  }
  return problems;
}
