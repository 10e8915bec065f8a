/**
 * Whether the browser really has a favicon for a page: for a page it has none for, its favicon
 * cache serves a generic globe, which says nothing about the service (and is dark grey on dark).
 */

/** A page no favicon can be cached for (`.invalid` is reserved): what it gets is the default globe. */
const NO_FAVICON_PAGE = 'https://no-favicon.invalid/';
let defaultIcon: Promise<string> | null = null;

async function bytesOf(url: string, fetchUrl: typeof fetch): Promise<string> {
  const response = await fetchUrl(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
}

/**
 * The page's cached favicon URL, or null when the browser would only serve its default globe
 * (compared byte for byte with what a page that cannot have a favicon gets).
 */
export async function knownFaviconUrl(
  faviconUrl: (pageUrl: string) => string | null,
  pageUrl: string,
  fetchUrl: typeof fetch = fetch,
): Promise<string | null> {
  const url = faviconUrl(pageUrl);
  const fallback = faviconUrl(NO_FAVICON_PAGE);
  if (!url || !fallback) return null;
  defaultIcon ??= bytesOf(fallback, fetchUrl);
  const [icon, globe] = await Promise.all([bytesOf(url, fetchUrl), defaultIcon]);
  return icon === globe ? null : url;
}
