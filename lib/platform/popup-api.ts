/** Binds the popup's `PopupApi` to the worker, the clipboard, settings and the active tab. */
import { browser } from 'wxt/browser';
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
    activeSite: () => sendMessage('getActiveSite'),
  };
}

/** Asks for clipboardRead at the moment the user turns on clipboard clearing. */
export async function requestClipboardReadPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['clipboardRead'] });
}
