/**
 * The clipboard and the offscreen document that clears it (Chromium: alarms fire no sooner than
 * 30 s, so the timer runs in that document; Firefox has no offscreen documents, but its event
 * page has a DOM and clears itself). Browser calls only; the job is `lib/worker/clipboard.ts`.
 */
import { browser } from 'wxt/browser';

const OFFSCREEN_PATH = '/offscreen.html';

export function writeClipboardText(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}

/** True where the background itself has a document to clear from (Firefox's event page). */
export function clipboardClearsInBackground(): boolean {
  return import.meta.env.FIREFOX;
}

/** Clearing needs a document (offscreen on Chromium, the event page on Firefox) and the user's clipboardRead grant. */
export async function canClearClipboard(): Promise<boolean> {
  if (!clipboardClearsInBackground() && !('offscreen' in browser && browser.offscreen)) return false;
  return browser.permissions.contains({ permissions: ['clipboardRead'] });
}

/** Asked at the moment the user turns on clipboard clearing (must run inside the click). */
export async function requestClipboardReadPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['clipboardRead'] });
}

/** Starts a fresh offscreen document (closing any earlier one), which picks up the pending job. */
export async function restartOffscreenDocument(): Promise<void> {
  await closeOffscreenDocument();
  await browser.offscreen.createDocument({
    url: OFFSCREEN_PATH,
    reasons: [browser.offscreen.Reason.CLIPBOARD],
    justification: 'Clear a copied one-time code from the clipboard after the delay the user chose.',
  });
}

export async function closeOffscreenDocument(): Promise<void> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
  });
  if (contexts.length > 0) await browser.offscreen.closeDocument();
}
