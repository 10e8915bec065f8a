/** Tabs as the browser reports them (URLs only under `activeTab`). */
import { browser } from 'wxt/browser';

export type TabFacts = { url: string | null; windowId: number; active: boolean };

/** The id of the active tab of the focused window. */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

/**
 * The URL of the given tab or of the active one. The browser reveals it only under
 * `activeTab`, granted when the user clicks Tessera's toolbar button on that tab; otherwise null.
 */
export async function tabUrl(tabId?: number): Promise<string | null> {
  if (tabId !== undefined) return (await browser.tabs.get(tabId).catch(() => null))?.url ?? null;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url ?? null;
}

export async function tabFacts(tabId: number): Promise<TabFacts> {
  const tab = await browser.tabs.get(tabId);
  return { url: tab.url ?? null, windowId: tab.windowId, active: tab.active };
}

/** Whether `tabId` is the tab in front of the person (a background tab cannot be clicked). */
export async function isActiveTab(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  return tab?.active === true;
}
