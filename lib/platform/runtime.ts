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

/** Why the browser says so: the extension installed, the extension updated, or the browser updated. */
export type InstalledReason = 'install' | 'update' | 'browser-update';

export function onExtensionInstalled(callback: (reason: InstalledReason) => void): void {
  browser.runtime.onInstalled.addListener(({ reason }) => callback(reason === 'install' || reason === 'update' ? reason : 'browser-update'));
}

/** Opened once, on install: how to add accounts and keep them safe. */
export async function openWelcomePage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html' as '/options.html') });
}

/** Whether this profile was ever shown the welcome page (a flag, not a secret: `storage.local`). */
const WELCOME_SHOWN_KEY = 'welcomePageShown';

export async function welcomePageShown(): Promise<boolean> {
  const stored = await browser.storage.local.get(WELCOME_SHOWN_KEY);
  return stored[WELCOME_SHOWN_KEY] === true;
}

export async function rememberWelcomePageShown(): Promise<void> {
  await browser.storage.local.set({ [WELCOME_SHOWN_KEY]: true });
}

/** The manage page (the options page, in a tab); with a section id, a new tab opens at that section. */
export async function openManagePage(section?: string): Promise<void> {
  if (!section) return browser.runtime.openOptionsPage();
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}` as '/options.html') });
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
