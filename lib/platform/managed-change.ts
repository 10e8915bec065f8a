/**
 * Tells when the administrator's policy (`storage.managed`) changes. Kept apart from
 * `./policy`, whose parser needs the Public Suffix List, so pages that only start over on a
 * change (the popup) load none of it.
 */
import { browser } from 'wxt/browser';

export function onManagedChange(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
