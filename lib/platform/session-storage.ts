/**
 * `storage.session`: in memory only, emptied when the browser quits, closed to content scripts
 * (its default access level). What the worker must remember across its own restarts lives here.
 */
import { browser } from 'wxt/browser';

export async function readSession(key: string): Promise<unknown> {
  return (await browser.storage.session.get(key))[key];
}

export async function writeSession(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

export async function removeSession(key: string): Promise<void> {
  await browser.storage.session.remove(key);
}

/** Any change to any storage area: which keys, and in which area (`local`, `session`, `managed`, …). */
export function onStorageChanged(callback: (keys: string[], area: string) => void): void {
  browser.storage.onChanged.addListener((changes, area) => callback(Object.keys(changes), area));
}
