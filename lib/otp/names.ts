/** Owns what an account's name (issuer, account) may contain once shown or stored. */

/** Unicode category Cf: bidi overrides and isolates, zero-width spaces and joiners, BOM, tags, soft hyphen. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * A name without invisible formatting characters. They are removed rather than refused: an
 * RLO would make "moc.elgoog" read as "google.com" and a zero-width space would make a
 * duplicate look new, yet refusing would block whole imports over a character nobody can see.
 * (The cost: a ZWJ emoji sequence falls apart into its emoji, a Persian ZWNJ is dropped.)
 */
export function withoutFormatCharacters(name: string): string {
  return name.replace(FORMAT_CHARACTERS, '');
}
