/** The message catalogue as the UI reads it: typed keys, plurals, `Intl` formatting, document direction. */
export {
  applyDocumentLocale,
  catalogueOf,
  formatDuration,
  formatList,
  formatNumber,
  prepareFormatting,
  say,
  setMessageSource,
  SLOT,
  t,
  tPlural,
  type MessageKey,
  type Said,
} from './translate';
export { sourceFromCatalogue, type Catalogue } from './source';
export type { MessageArgs } from './message-args';
