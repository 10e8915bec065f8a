/**
 * The popup's first reads (its snapshot in `storage.session`, the address of the page it acts
 * for, the settings), started by a small classic script at the end of popup.html
 * (entrypoints/popup-reads) while the browser is still fetching and compiling the popup's
 * modules. The module takes those answers instead of asking again: on a warm open they used to
 * start only once every module had run, and took 10–30 ms on this path (`npm run bench`).
 *
 * Only the same reads the module would make, from the same extension page: nothing here is
 * trusted more than a fresh read, and each is taken once (a later start, after an unlock, reads
 * afresh).
 */
import type { Settings } from '../settings';
import { readSession } from './session-storage';
import { loadSettings } from './settings';
import { tabUrl } from './tabs';

export type PopupReads = {
  session: Promise<unknown>;
  pageUrl: Promise<string | null>;
  settings: Promise<Settings>;
};

/** Where the classic script leaves its promises for the module (same page, same global). */
const SLOT = '__tesseraPopupReads';
type WithReads = { [SLOT]?: PopupReads };

/** The popup's `?tab=<id>`: it was popped out of the toolbar and acts for that tab. */
export function popupTargetTabId(): number | undefined {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

export function startPopupReads(snapshotKey: string): void {
  const reads: PopupReads = { session: readSession(snapshotKey), pageUrl: tabUrl(popupTargetTabId()), settings: loadSettings() };
  // Rejections are handled by whoever takes them (a fresh read then); none is reported meanwhile.
  for (const read of Object.values(reads)) (read as Promise<unknown>).catch(() => undefined);
  (globalThis as WithReads)[SLOT] = reads;
}

/** The reads started early, once; null when there were none (or they were already taken). */
export function takePopupReads(): PopupReads | null {
  const holder = globalThis as WithReads;
  const reads = holder[SLOT] ?? null;
  delete holder[SLOT];
  return reads;
}
