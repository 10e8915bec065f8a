/** The browser's i18n as a message source: synchronous, and nothing to load (the browser holds the catalogue). */
import { browser } from 'wxt/browser';

// WXT types getMessage with its own generated key list; Tessera's keys are typed in lib/i18n.
type GetMessage = (key: string, substitutions?: string[]) => string;

export const browserMessages = {
  getMessage: (key: string, substitutions?: string[]) => (browser.i18n.getMessage as GetMessage)(key, substitutions),
  uiLanguage: () => browser.i18n.getUILanguage(),
};
