/** Binds the manage page's `ManageApi` to the worker, and opens the manage page (the options page). */
import { browser } from 'wxt/browser';
import { saveTextFile } from '../manage/download';
import { readQrTexts } from '../manage/read-image';
import type { ManageApi } from '../manage/state';
import { sendMessage } from './messaging';

export function createBrowserManageApi(): ManageApi {
  return {
    listAccounts: () => sendMessage('listAccounts'),
    exportBackup: (passphrase) => sendMessage('exportBackup', { passphrase }),
    exportOtpauthUris: () => sendMessage('exportOtpauthUris'),
    exportMigrationUris: () => sendMessage('exportMigrationUris'),
    exportAccountQr: (id) => sendMessage('exportAccountQr', { id }),
    previewImport: (candidates) => sendMessage('previewImport', { candidates }),
    commitImport: (candidates, onConflict) => sendMessage('commitImport', { candidates, onConflict }),
    readQrTexts,
    saveFile: saveTextFile,
    copyText: (text) => navigator.clipboard.writeText(text),
  };
}

/** The manage page is the extension's options page, opened in a tab (`open_in_tab`). */
export async function openManagePage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
