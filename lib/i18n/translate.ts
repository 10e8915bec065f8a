/**
 * Owns turning a message key into the text a person reads: the typed key, its placeholders, the
 * plural form for a count (CLDR categories through `Intl.PluralRules`, since `browser.i18n` has
 * none), and numbers, dates and durations formatted with `Intl` in the browser's UI language.
 */
import type { MessageArgs } from './message-args';
import type { Catalogue, MessageSource } from './source';

/** Every key of the English catalogue (public/_locales/en/messages.json); a misspelt key fails tsc. */
export type MessageKey = keyof MessageArgs;

/** A message with plural forms is written as `<base>_one`, `<base>_other`, … ; this is `<base>`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** The arguments after the count (always `$1`, the `$COUNT$` placeholder) of a plural message. */
type PluralArgs<B extends PluralKey> = MessageArgs[`${B}_other` & MessageKey] extends readonly [unknown, ...infer Rest] ? Rest : [];

let source: MessageSource | null = null;

/** Bound once per document or worker, before anything is drawn (the entrypoint passes lib/platform's). */
export function setMessageSource(next: MessageSource): void {
  source = next;
  numberFormat = null;
  pluralRules = null;
}

function current(): MessageSource {
  if (!source) throw new Error('No message source: the entrypoint calls setMessageSource() first.');
  return source;
}

/** The browser's UI language as a BCP 47 tag (`en-US`, `ar`), the locale every `Intl` call here uses. */
function uiLocale(): string {
  return current().uiLanguage() || 'en';
}

let numberFormat: Intl.NumberFormat | null = null;
let pluralRules: Intl.PluralRules | null = null;

/** A number in the UI locale's digits and grouping (Arabic may use Arabic-Indic digits). */
export function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat(uiLocale());
  return numberFormat.format(value);
}

/**
 * Creates the number and plural formatters ahead of their first use. The first `Intl` object of a
 * process loads its locale data, 50–150 ms in a browser that has just started (a few ms
 * otherwise): the worker calls this after a browser start, and the popup while it waits for the
 * worker's first codes, so the first drawing of its rows (each countdown says its seconds in
 * words) does not pay for it.
 */
export function prepareFormatting(): void {
  formatNumber(0);
  pluralRules ??= new Intl.PluralRules(uiLocale());
}

function substitution(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

/**
 * The text of `key` with its placeholders filled in order (`$1`, `$2`, … as the catalogue
 * declares them). A key missing at run time (a stale build) shows the key, never an empty string.
 */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs[K]): string {
  const text = current().getMessage(key, (args as readonly (string | number)[]).map(substitution));
  return text === '' ? key : text;
}

/** The plural form of `<base>_<category>` for `count` in the UI language, falling back to `_other`. */
export function tPlural<B extends PluralKey>(base: B, count: number, ...args: PluralArgs<B>): string {
  pluralRules ??= new Intl.PluralRules(uiLocale());
  const substitutions = [formatNumber(count), ...(args as readonly (string | number)[]).map(substitution)];
  const messages = current();
  const text = messages.getMessage(`${base}_${pluralRules.select(count)}`, substitutions) || messages.getMessage(`${base}_other`, substitutions);
  return text === '' ? `${base}_other` : text;
}

/**
 * `keys` as a catalogue in the UI language, placeholders left as `$1`, `$2`, …, for a thread
 * without `browser.i18n` (the import Worker), which binds it with `sourceFromCatalogue`.
 */
export function catalogueOf(keys: readonly MessageKey[]): { catalogue: Catalogue; uiLanguage: string } {
  const positional = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];
  const catalogue: Catalogue = {};
  for (const key of keys) catalogue[key] = { message: current().getMessage(key, positional) };
  return { catalogue, uiLanguage: uiLocale() };
}

/** A list in the UI language: “a, b and c” (`and`), or “1, 2, 3” (`unit`, for numbers). */
export function formatList(items: readonly string[], type: 'and' | 'unit' = 'and'): string {
  const options: Intl.ListFormatOptions = type === 'and' ? { style: 'long', type: 'conjunction' } : { style: 'short', type: 'unit' };
  return new Intl.ListFormat(uiLocale(), options).format(items);
}

/** A whole number of seconds or minutes as a unit the UI language spells (`30 s`, `5 minutes`). */
export function formatDuration(value: number, unit: 'second' | 'minute' | 'hour', unitDisplay: 'long' | 'short' | 'narrow' = 'long'): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, unitDisplay }).format(value);
}

/**
 * `lang` and `dir` of a Tessera document, from the catalogue the browser picked for its UI
 * language (`locale_code`, `locale_direction`): a UI language Tessera has no catalogue for shows
 * English, and must then be marked English and left to right. (`@@bidi_dir` would do, but
 * headless Chromium reports `ltr` whatever the language.) Called by each page before drawing.
 */
export function applyDocumentLocale(doc: Document): void {
  const messages = current();
  doc.documentElement.lang = messages.getMessage('locale_code') || 'en';
  doc.documentElement.dir = messages.getMessage('locale_direction') === 'rtl' ? 'rtl' : 'ltr';
}

/**
 * Stands in for an element inside a sentence (a link, a bold phrase): `t(key, SLOT)` keeps the
 * translator's whole sentence and word order, and the UI cuts the text at each slot to insert it.
 */
export const SLOT = '\u{E000}';

/**
 * A message chosen where the facts are (the worker, a parser) and put into words where it is
 * shown: its key and arguments, type-checked together. `list`: fragments joined as the UI
 * language joins a list, passed as the last argument.
 */
export type Said =
  | { [K in MessageKey]: { key: K; args: MessageArgs[K] } }[MessageKey]
  | { [B in PluralKey]: { plural: B; count: number; args: PluralArgs<B> } }[PluralKey];

type LooseArgs = readonly (string | number)[];

/** The text of a `Said`. */
export function say(said: Said): string {
  if ('plural' in said) return (tPlural as (base: PluralKey, count: number, ...args: LooseArgs) => string)(said.plural, said.count, ...(said.args as LooseArgs));
  return (t as (key: MessageKey, ...args: LooseArgs) => string)(said.key, ...(said.args as LooseArgs));
}
