import { defineConfig } from 'wxt';

// The manifest is the permission budget: everything broad is optional and requested
// at the moment a feature needs it (see README, "Permissions").
export default defineConfig({
  // Explicit imports only: a reader can see where every name comes from.
  imports: false,
  // WXT targets MV2 for Firefox unless told otherwise.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Tessera Authenticator',
    short_name: 'Tessera',
    description:
      'Two-factor codes (TOTP/HOTP) kept encrypted in your browser. Scan enrollment QR codes, copy and fill codes.',
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
    action: { default_title: 'Tessera' },
    // Scan for an enrollment QR code without reaching for the mouse (grants activeTab, as a click does).
    commands: {
      // Opens the popup from the keyboard (Alt+Shift+T would take Chrome's own "focus the toolbar").
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' }, description: 'Open Tessera' },
      'scan-page': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Scan this page for a QR code' },
      // Fills the single account bound to this page; with several, opens the popup to choose.
      'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: 'Fill the one-time code for this site' },
    },
    // What an administrator may set through enterprise policy (read from storage.managed; see README).
    // Firefox reads managed storage from a native manifest instead and has no schema key.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'tessera@tessera.example', strict_min_version: '128.0' } } }
      : {}),
  }),
});
