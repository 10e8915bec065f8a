/**
 * Tells when the administrator's policy changes. Kept apart from `./policy`, whose parser needs
 * the Public Suffix List, so pages that only start over on a change (the popup) load none of it.
 */
import { browser } from 'wxt/browser';

/** A key in `storage.session` (extension pages only) the worker writes after it applied a new policy. */
const POLICY_APPLIED_KEY = 'policyApplied';

/** The browser changed `storage.managed` (the worker re-reads it). */
export function onManagedChange(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Worker: a different policy is now in force (read after a change, or the browser's first answer replaced the stored copy). */
export async function announcePolicyApplied(now = Date.now()): Promise<void> {
  await browser.storage.session.set({ [POLICY_APPLIED_KEY]: now });
}

/**
 * Pages: the worker applied a different policy, so what the page shows may be allowed no longer.
 * The worker's word, not the browser's change event: a page that starts over on the event could
 * ask before the worker has read the new policy.
 */
export function onPolicyApplied(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && POLICY_APPLIED_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
