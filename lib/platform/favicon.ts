/** The browser's local favicon cache (`favicon` permission, Chromium only): no network request. */
import { browser } from 'wxt/browser';

export function faviconUrl(pageUrl: string, size = 32): string | null {
  if (import.meta.env.FIREFOX) return null;
  // `_favicon/` is served by the browser itself, so it is not among WXT's typed public paths.
  const url = new URL(browser.runtime.getURL('/_favicon/' as '/popup.html'));
  url.searchParams.set('pageUrl', pageUrl);
  url.searchParams.set('size', String(size));
  return url.toString();
}
