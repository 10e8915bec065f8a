/** Content scripts registered at run time (the optional in-page button), and host-permission changes. */
import { browser } from 'wxt/browser';

export async function isContentScriptRegistered(id: string): Promise<boolean> {
  const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  return scripts.length > 0;
}

/** Top frames only, at document_idle, kept across browser restarts. */
export async function registerContentScript(id: string, file: string, matches: string[]): Promise<void> {
  await browser.scripting.registerContentScripts([
    { id, js: [file], matches, allFrames: false, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

export async function unregisterContentScript(id: string): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [id] });
}

/** Any permission granted or given back (also from the browser's own settings). */
export function onPermissionsChanged(callback: () => void): void {
  browser.permissions.onAdded.addListener(callback);
  browser.permissions.onRemoved.addListener(callback);
}
