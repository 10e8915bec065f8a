/**
 * Owns how the detector reads text in any language: one folding of page text and of the word
 * lists alike, and the matching of a list's terms (syntax in `otp-words.ts`) against it.
 */

/** Scripts written without spaces between words: their terms match anywhere. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Arabic attaches conjunctions, prepositions, the article and pronouns to the word. */
const ARABIC = /\p{Script=Arabic}/u;

export type NormalisedText = { words: string; tokens: string[]; compact: string };

/**
 * NFKC (full-width "６桁" reads "6桁"), words split at camelCase and letter→digit, lower case,
 * Latin and Cyrillic accents dropped ("vérification" = "verification", "ё" = "е"), Arabic vowel
 * marks and tatweel dropped and alef/hamza/yeh/teh-marbuta forms unified, Arabic-Indic digits as
 * ASCII, every e-mail spelling as "email", punctuation as one space.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .toLowerCase()
    .replace(/\be[\s\u2010\u2011-]?mail/g, 'email')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    // "2fa" must survive the letter/digit split above ("mfa2FA" aside, "x2FA" reads "x 2fa").
    .replace(/\b2 fa\b/g, '2fa');
}

export function normaliseText(text: string): NormalisedText {
  const words = foldText(text);
  return { words, tokens: words.split(' ').filter(Boolean), compact: words.replace(/ /g, '') };
}

/** Whether `phrase` (already folded) occurs in the text as whole words. */
export function hasPhrase(n: NormalisedText, phrase: string): boolean {
  return ` ${n.words} `.includes(` ${phrase} `);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type Term = { term: string; test: (n: NormalisedText) => boolean };

/** One term of a word list, compiled once. */
export function compileTerm(term: string): Term {
  if (UNSPACED.test(term)) {
    const folded = foldText(term).replace(/ /g, '');
    return { term, test: (n) => n.compact.includes(folded) };
  }
  const words = term.trim().split(/\s+/);
  const only = words.length === 1 ? words[0]! : null;
  if (only && only.length > 2 && only.startsWith('*') && only.endsWith('*') && !ARABIC.test(only)) {
    // Inside a word or an id written as one (`couponCode`, `promo_code`).
    const inside = foldText(only.slice(1, -1)).replace(/ /g, '');
    return { term, test: (n) => n.compact.includes(inside) };
  }
  const arabic = ARABIC.test(term);
  const pattern = words
    .map((word) => {
      const before = arabic || word.startsWith('*') ? '\\S*' : '';
      const after = arabic || word.endsWith('*') ? '\\S*' : '';
      return `${before}${escapeRegExp(foldText(word.replace(/\*/g, '')))}${after}`;
    })
    .join(' ');
  const re = new RegExp(`(?:^| )${pattern}(?= |$)`, 'u');
  return { term, test: (n) => re.test(n.words) };
}

/** The first term of `terms` found in the text, or null. */
export function findTerm(n: NormalisedText, terms: readonly Term[]): string | null {
  return terms.find((t) => t.test(n))?.term ?? null;
}
