/** Binds the popup's `PopupApi` to the worker, the clipboard, settings and the active tab. */
import { browser } from 'wxt/browser';
import type { PopupApi } from '../popup/state';
import { sendMessage } from './messaging';
import { loadSettings, saveSettings } from './settings';
import { loadPopupSnapshot } from './popup-snapshot';
import { tabUrl } from './tabs';
import { siteKeyOf } from '../popup/snapshot';

/**
 * `targetTabId`: set when the popup runs popped out in its own tab or window, so it keeps
 * acting for the tab it was opened on rather than for itself.
 */
export function createBrowserPopupApi(targetTabId?: number): PopupApi {
  return {
    getVaultStatus: () => sendMessage('getVaultStatus'),
    unlockVault: (passphrase) => sendMessage('unlockVault', { passphrase }),
    lockVault: () => sendMessage('lockVault'),
    listAccounts: () => sendMessage('listAccounts'),
    getCodes: (at, ids) => sendMessage('getCodes', ids === undefined ? { at } : { at, ids }),
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
    fillCode: (id) => sendMessage('fillCode', targetTabId === undefined ? { id } : { id, tabId: targetTabId }),
    activeSite: () => sendMessage('getActiveSite', targetTabId === undefined ? {} : { tabId: targetTabId }),
    loadSnapshot: async () => {
      const [snapshot, url] = await Promise.all([loadPopupSnapshot(), tabUrl(targetTabId)]);
      return { snapshot, siteKey: siteKeyOf(url) };
    },
    enrollment: {
      getEnrollmentStep: (id) => sendMessage('getEnrollmentStep', { id }),
      fillEnrollmentPart: (id) => sendMessage('fillEnrollmentPart', targetTabId === undefined ? { id } : { id, tabId: targetTabId }),
      finishEnrollment: (id) => sendMessage('finishEnrollment', { id }),
    },
    capture: {
      scanPage: () => sendMessage('scanPage', targetTabId === undefined ? {} : { tabId: targetTabId }),
      pendingCapture: () => sendMessage('getPendingCapture', targetTabId === undefined ? {} : { tabId: targetTabId }),
      confirmCapture: (request) => sendMessage('confirmCapture', request),
      dismissCapture: (captureId, itemId) => sendMessage('dismissCapture', itemId === undefined ? { captureId } : { captureId, itemId }),
    },
  };
}

/**
 * Opens the popup in its own window, still acting for the tab it was opened on, for
 * long lists and for people who keep it beside the page.
 */
export async function popOutPopup(targetTabId?: number): Promise<void> {
  const tabId = targetTabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  const url = browser.runtime.getURL(tabId === undefined ? '/popup.html' : `/popup.html?tab=${tabId}`);
  await browser.windows.create({ url, type: 'popup', width: 380, height: 640 });
  if (targetTabId === undefined) window.close();
}

/** Asks for clipboardRead at the moment the user turns on clipboard clearing. */
export async function requestClipboardReadPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['clipboardRead'] });
}
