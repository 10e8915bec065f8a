/** Binds the popup's `PopupApi` to the worker, the clipboard, settings and the active tab. */
import { browser } from 'wxt/browser';
import { getDomain, getHostname } from 'tldts';
import type { PopupApi } from '../popup/state';
import { sendMessage } from './messaging';
import { loadSettings, saveSettings } from './settings';

export function createBrowserPopupApi(): PopupApi {
  return {
    getVaultStatus: () => sendMessage('getVaultStatus'),
    listAccounts: () => sendMessage('listAccounts'),
    getCodes: (at) => sendMessage('getCodes', { at }),
    addAccount: (request) => sendMessage('addAccount', request),
    updateAccount: (id, patch) => sendMessage('updateAccount', { id, patch }),
    deleteAccount: (id) => sendMessage('deleteAccount', { id }),
    undoDeleteAccount: (undoToken) => sendMessage('undoDeleteAccount', { undoToken }),
    reorderAccounts: (ids) => sendMessage('reorderAccounts', { ids }),
    nextHotpCode: (id) => sendMessage('nextHotpCode', { id }),
    markAccountUsed: (id) => sendMessage('markAccountUsed', { id }),
    scheduleClipboardClear: (copied) => sendMessage('scheduleClipboardClear', { copied }),
    writeClipboard: (text) => navigator.clipboard.writeText(text),
    loadSettings,
    saveSettings,
    activeDomain,
  };
}

/**
 * The registrable domain of the tab the popup belongs to. The URL is visible only
 * through `activeTab`, which the browser grants when the user opens the popup.
 */
async function activeDomain(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const url = tab?.url;
  if (!url || !/^https?:/.test(url)) return null;
  const host = getHostname(url);
  return host ? (getDomain(host, { allowPrivateDomains: true }) ?? host) : null;
}

/** Asks for clipboardRead at the moment the user turns on clipboard clearing. */
export async function requestClipboardReadPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['clipboardRead'] });
}
