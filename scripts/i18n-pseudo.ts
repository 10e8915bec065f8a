/**
 * The pseudo-locale: the English catalogue with every letter accented, about 35 % longer and
 * bracketed (`[Ŝéţţîñĝš ·····]`), placeholders intact. A test build (TESSERA_PSEUDO_LOCALE=1,
 * see wxt.config.ts) ships it in place of English, so a string written into the code rather than
 * the catalogue shows up as plain English, and a label too long for its box overflows.
 */
import type { Catalogue } from '../lib/i18n';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'áƀçðéƒĝĥîĵķļɱñóƥʠŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÎĴĶĻṀÑÓƤɊŘŠŢÚṼŴẊÝŽ'][index]!,
  ]),
);

/** `$NAME$`, `$1` and `$$` pass through untouched: Chrome fills them after this text is chosen. */
const PLACEHOLDER = /(\$[A-Za-z0-9_@]+\$|\$\d|\$\$)/;

/** How much longer than English the pseudo text is: German and Russian run about this much longer. */
export const PSEUDO_GROWTH = 0.35;

export function pseudoMessage(message: string): string {
  const parts = message.split(PLACEHOLDER);
  const accented = parts.map((part, index) => (index % 2 === 1 ? part : [...part].map((char) => ACCENTED[char] ?? char).join(''))).join('');
  const visible = parts.filter((_, index) => index % 2 === 0).join('').length;
  const extra = Math.max(1, Math.round(visible * PSEUDO_GROWTH));
  // Padding in words of five, so it wraps as a translation's words would.
  const padding = Array.from({ length: Math.ceil(extra / 5) }, (_, i) => '·'.repeat(Math.min(5, extra - i * 5))).join(' ');
  return `[${accented} ${padding}]`;
}

export function pseudoCatalogue(english: Catalogue): Catalogue {
  return Object.fromEntries(
    // `locale_*` are settings (the page's lang and dir), not text.
    Object.entries(english).map(([key, entry]) => [key, key.startsWith('locale_') ? entry : { ...entry, message: pseudoMessage(entry.message) }]),
  );
}
