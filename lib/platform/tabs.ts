/** The tab the user is looking at, as the browser reports it. */
import { browser } from 'wxt/browser';

/**
 * The URL of the active tab. The browser reveals it only under `activeTab`, granted when
 * the user opens the popup or uses a Tessera command on that tab; otherwise null.
 */
export async function activeTabUrl(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.url ?? null;
}
