/** The extension runtime: messages, lifecycle events and this extension's own URLs (browser calls only). */
import { browser, type Browser } from 'wxt/browser';

export type RuntimeSender = Browser.runtime.MessageSender & { documentId?: string };

/** Sends one message to the worker; resolves with whatever it answered. */
export function sendRuntimeMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** `listener` returns true to answer later through `respond`. */
export function onRuntimeMessage(
  listener: (message: unknown, sender: RuntimeSender, respond: (reply: unknown) => void) => boolean,
): void {
  browser.runtime.onMessage.addListener(listener);
}

export function extensionId(): string {
  return browser.runtime.id;
}

/** Where this extension's pages live: `chrome-extension://<id>/`, or `moz-extension://<uuid>/` on Firefox. */
export function extensionBaseUrl(): string {
  return browser.runtime.getURL('/');
}

export function onBrowserStartup(callback: () => void): void {
  browser.runtime.onStartup.addListener(callback);
}

export function onExtensionInstalled(callback: () => void): void {
  browser.runtime.onInstalled.addListener(callback);
}

/** The manage page is the extension's options page, opened in a tab (`open_in_tab`). */
export async function openManagePage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/** Opens the popup page in its own window (`?tab=<id>`: it keeps acting for that tab). */
export async function openPopupWindow(tabId: number | undefined): Promise<void> {
  const url = browser.runtime.getURL(tabId === undefined ? '/popup.html' : `/popup.html?tab=${tabId}`);
  await browser.windows.create({ url, type: 'popup', width: 380, height: 640 });
}

/**
 * Shows the toolbar popup; false where the browser does not allow opening it (no focused
 * window, or a browser without `action.openPopup`).
 */
export async function openPopup(): Promise<boolean> {
  try {
    await browser.action.openPopup();
    return true;
  } catch {
    return false;
  }
}
