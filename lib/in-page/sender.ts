/**
 * Owns which frame may talk to the worker on behalf of the in-page button: the top frame of a
 * tab, with a real https origin, both as the browser reported them in `sender` (pure).
 */
import type { SenderInfo } from './types';
import { originOf } from '../sites';

export type InPageSenderRefusal = 'no-tab' | 'not-top-frame' | 'opaque-origin' | 'not-https' | 'origin-mismatch';

export type InPageSender = { ok: true; tabId: number; origin: string } | { ok: false; reason: InPageSenderRefusal };

function safeOrigin(text: string): string | null {
  try {
    return originOf(text);
  } catch {
    return null;
  }
}

/**
 * The tab and origin of a content-script sender, or why it may not use the button. The origin
 * is `sender.origin`; an opaque one (`"null"`: sandboxed document, CSP sandbox) is refused
 * outright, never replaced by the URL. Only where the browser gives no origin (older
 * Firefox) does the URL stand in, and where both exist they must agree (an `about:blank` or
 * `srcdoc` document inherits an origin its URL does not show).
 */
export function inPageSender(sender: SenderInfo): InPageSender {
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { ok: false, reason: 'no-tab' };
  if (sender.frameId !== 0) return { ok: false, reason: 'not-top-frame' };
  const fromUrl = sender.url === undefined ? null : safeOrigin(sender.url);
  const fromOrigin = sender.origin === undefined ? null : safeOrigin(sender.origin);
  // `originOf("null")` throws, so an opaque origin ends here as null: the URL never stands in for it.
  const origin = sender.origin === undefined ? fromUrl : fromOrigin;
  if (origin === null) return { ok: false, reason: 'opaque-origin' };
  if (sender.url !== undefined && fromUrl !== origin) return { ok: false, reason: 'origin-mismatch' };
  if (!origin.startsWith('https://')) return { ok: false, reason: 'not-https' };
  return { ok: true, tabId, origin };
}
