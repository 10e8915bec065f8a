/** Binds the manage page's `ManageApi` to the worker, and opens the manage page (the options page). */
import { browser } from 'wxt/browser';
import type { ManageApi } from '../manage/state';
import { sendMessage } from './messaging';

/**
 * The page's own helpers (QR decoding, file saving) come in from the entrypoint: the popup imports
 * this module for `openManagePage`, and must not pull the QR decoder into its bundle with it.
 */
export function createBrowserManageApi(page: Pick<ManageApi, 'readQrTexts' | 'saveFile'>): ManageApi {
  return {
    listAccounts: () => sendMessage('listAccounts'),
    exportBackup: (passphrase) => sendMessage('exportBackup', { passphrase }),
    exportOtpauthUris: () => sendMessage('exportOtpauthUris'),
    exportMigrationUris: () => sendMessage('exportMigrationUris'),
    exportAccountQr: (id) => sendMessage('exportAccountQr', { id }),
    previewImport: (candidates) => sendMessage('previewImport', { candidates }),
    commitImport: (candidates, onConflict) => sendMessage('commitImport', { candidates, onConflict }),
    readQrTexts: page.readQrTexts,
    saveFile: page.saveFile,
    copyText: (text) => navigator.clipboard.writeText(text),
  };
}

/** The manage page is the extension's options page, opened in a tab (`open_in_tab`). */
export async function openManagePage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
