/** The message catalogue as the UI reads it: typed keys, plurals, `Intl` formatting, document direction. */
export {
  applyDocumentLocale,
  formatDateTime,
  formatDuration,
  formatList,
  formatNumber,
  PLURAL_CATEGORIES,
  say,
  SLOT,
  setMessageSource,
  t,
  tPlural,
  uiDirection,
  uiLocale,
  type MessageKey,
  type PluralKey,
  type Said,
} from './translate';
export { sourceFromCatalogue, type Catalogue, type CatalogueEntry, type MessageSource } from './source';
export type { MessageArgs } from './message-args';
