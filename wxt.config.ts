import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { lazyJsqr } from './scripts/lazy-jsqr';
import { popupSharedChunk } from './scripts/popup-chunks';
import { pseudoCatalogue } from './scripts/i18n-pseudo';

/**
 * `TESSERA_PSEUDO_LOCALE=1 npm run build`: a test build in `.output/chrome-mv3-pseudo` whose
 * English catalogue is the generated pseudo-locale (tests/e2e/i18n.spec.ts). Never zipped.
 */
const PSEUDO_LOCALE = process.env.TESSERA_PSEUDO_LOCALE === '1';
const ENGLISH_CATALOGUE = '_locales/en/messages.json';

// The manifest is the permission budget: everything broad is optional and requested
// at the moment a feature needs it (see README, "Permissions").
/**
 * Firefox: the add-on id is permanent once published on addons.mozilla.org (it keys the
 * listing, updates, and managed policy under `3rdparty.Extensions`); the email-like form is one
 * AMO accepts. Tessera collects and transmits nothing, which Firefox shows at install
 * (`data_collection_permissions`, read from Firefox 140, hence the minimum version).
 */
const FIREFOX_ADDON_ID = 'tessera@tessera-authenticator.org';
const GECKO_SETTINGS = {
  id: FIREFOX_ADDON_ID,
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['none'] },
};
// Firefox for Android reads data_collection_permissions from 142. Tessera is not tested there
// (no toolbar popup, shortcuts or context menus on Android), but the key keeps the two minima honest.
const GECKO_ANDROID_SETTINGS = { strict_min_version: '142.0' };

export default defineConfig({
  // Explicit imports only: a reader can see where every name comes from.
  imports: false,
  ...(PSEUDO_LOCALE ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-pseudo' } : {}),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      if (!PSEUDO_LOCALE) return;
      const index = files.findIndex((file) => file.relativeDest === ENGLISH_CATALOGUE);
      const english = files[index];
      if (!english || !('absoluteSrc' in english)) throw new Error(`No ${ENGLISH_CATALOGUE} to replace with the pseudo-locale.`);
      const contents = JSON.stringify(pseudoCatalogue(JSON.parse(readFileSync(english.absoluteSrc, 'utf8'))), null, 2);
      files[index] = { relativeDest: ENGLISH_CATALOGUE, contents };
    },
    'zip:start': () => {
      if (PSEUDO_LOCALE) throw new Error('The pseudo-locale is for tests only: zip without TESSERA_PSEUDO_LOCALE.');
    },
  },
  // `npm run zip:firefox`: the upload zip and the sources zip addons.mozilla.org asks for, which
  // holds what a reviewer needs to rebuild the same files (README, "Firefox"); tests are not part of it.
  zip: { excludeSources: ['tests/**'] },
  // The popup's first screen loads two module files, not nine (scripts/popup-chunks.ts); jsQR
  // runs on its first decode, not at every worker start (scripts/lazy-jsqr.ts).
  vite: () => ({ plugins: [popupSharedChunk(), lazyJsqr()] }),
  // WXT targets MV2 for Firefox unless told otherwise.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // Every text the browser shows comes from public/_locales (issue 16): English is the fallback.
    name: '__MSG_extension_name__',
    short_name: '__MSG_extension_short_name__',
    description: '__MSG_extension_description__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen', 'favicon']),
      'clipboardWrite',
    ],
    optional_permissions: ['clipboardRead'],
    // Only for the optional in-page fill button, requested when the person turns it on.
    optional_host_permissions: ['https://*/*'],
    // No web page and no other extension may message us.
    externally_connectable: { ids: [] },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_action_title__' },
    // Scan for an enrollment QR code without reaching for the mouse (grants activeTab, as a click does).
    commands: {
      // Opens the popup from the keyboard (Alt+Shift+T would take Chrome's own "focus the toolbar").
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_command_open__' },
      'scan-page': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_command_scan_page__' },
      // Fills the single account bound to this page; with several, opens the popup to choose.
      'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_command_fill_code__' },
    },
    // What an administrator may set through enterprise policy (read from storage.managed; see README).
    // Firefox reads managed storage from a native manifest instead and has no schema key.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO_SETTINGS, gecko_android: GECKO_ANDROID_SETTINGS } } : {}),
  }),
});
