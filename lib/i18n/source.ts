/**
 * Where message text comes from: the browser's i18n in the extension (bound by each entrypoint
 * through lib/platform), or a catalogue read from disk in unit tests. Kept apart so lib/ never
 * calls `browser` and the popup bundles no JSON (`getMessage` is synchronous and free).
 */

/** The two calls of `browser.i18n` Tessera needs. */
export interface MessageSource {
  /** `browser.i18n.getMessage`: '' when the key is unknown. */
  getMessage(key: string, substitutions?: string[]): string;
  /** `browser.i18n.getUILanguage`, e.g. `en-US`, `ar`, `pt-BR`. */
  uiLanguage(): string;
}

/** One message of a `_locales/<lang>/messages.json` file. */
export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Record<string, CatalogueEntry>;

/**
 * `getMessage` over a parsed messages.json, with Chrome's rules: `$NAME$` (case-insensitive)
 * takes its placeholder's content, `$1`…`$9` take the substitutions, `$$` is a dollar sign.
 * Used by unit tests, the catalogue tests and the pseudo-locale generator.
 */
export function sourceFromCatalogue(catalogue: Catalogue, uiLanguage: string, fallback?: Catalogue): MessageSource {
  return {
    uiLanguage: () => uiLanguage,
    getMessage(key, substitutions = []) {
      const entry = catalogue[key] ?? fallback?.[key];
      if (!entry) return '';
      const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
      const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
      return withPlaceholders.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
    },
  };
}
