/** The tab the user is looking at, as the browser reports it. */
import { browser } from 'wxt/browser';

/** The id of the tab the user is looking at. */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

/**
 * The URL of the tab the popup acts for: the given one (a popped-out popup remembers the
 * tab it was opened on) or the active one. The browser reveals it only under `activeTab`,
 * granted when the user clicks Tessera's toolbar button on that tab; otherwise null.
 */
export async function tabUrl(tabId?: number): Promise<string | null> {
  if (tabId !== undefined) return (await browser.tabs.get(tabId).catch(() => null))?.url ?? null;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url ?? null;
}
