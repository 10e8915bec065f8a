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
import { envelopeOf, poppedOutTabId, type EarlyRequest } from '../contract';
import type { Settings } from '../settings';
import { sendRuntimeMessage } from './runtime';
import { readSession } from './session-storage';
import { loadSettings } from './settings';
import { tabUrl } from './tabs';

/** The three reads, each a function: started early once, then asked again after an unlock. */
export type PopupReads = {
  session: () => Promise<unknown>;
  pageUrl: () => Promise<string | null>;
  settings: () => Promise<Settings>;
};
type StartedReads = { [K in keyof PopupReads]: ReturnType<PopupReads[K]> } & { earlyRequests: Promise<EarlyRequest[]> };

/** Where the classic script leaves its promises for the module (same page, same global). */
const SLOT = '__tesseraPopupReads';
type WithReads = { [SLOT]?: StartedReads };

/** The popup's `?tab=<id>`: it was popped out of the toolbar and acts for that tab. */
export function popupTargetTabId(): number | undefined {
  return poppedOutTabId(location.search);
}

function freshReads(snapshotKey: string): PopupReads {
  const tabId = popupTargetTabId();
  return { session: () => readSession(snapshotKey), pageUrl: () => tabUrl(tabId), settings: loadSettings };
}

/**
 * With no snapshot to draw (the first popup after a browser start or an unlock, or after the
 * worker dropped it), the popup's module asks the worker for these first, whatever else it does:
 * sent from here, the worker starts (and opens the vault) while the modules are still loading.
 * With a snapshot nothing is sent early: the module draws it first, and the worker's answers
 * arriving meanwhile would only compete with that drawing.
 */
function sendEarlyRequests(tabId: number | undefined): EarlyRequest[] {
  const envelopes = [
    envelopeOf('getVaultStatus', undefined),
    envelopeOf('listAccounts', undefined),
    envelopeOf('getActiveSite', tabId === undefined ? {} : { tabId }),
  ];
  return envelopes.map((envelope) => {
    const reply = sendRuntimeMessage(envelope);
    reply.catch(() => undefined); // the module's transport sends again if this one failed
    return { envelope, reply };
  });
}

/** In popup-reads.js: starts the reads and leaves them for the module. */
export function startPopupReads(snapshotKey: string): void {
  const fresh = freshReads(snapshotKey);
  const session = fresh.session();
  const earlyRequests = session.then(
    (stored) => (stored === undefined ? sendEarlyRequests(popupTargetTabId()) : []),
    () => [],
  );
  const started: StartedReads = { session, pageUrl: fresh.pageUrl(), settings: fresh.settings(), earlyRequests };
  // Rejections are handled by whoever takes them (a fresh read then); none is reported meanwhile.
  for (const read of Object.values(started)) (read as Promise<unknown>).catch(() => undefined);
  (globalThis as WithReads)[SLOT] = started;
}

/**
 * In the popup's module: the reads, each answering the first ask with what popup-reads.js started
 * (a fresh read if that failed or never ran) and every later ask, as after an unlock, afresh.
 */
export function popupReads(snapshotKey: string): PopupReads & { earlyRequests: Promise<readonly EarlyRequest[]> | undefined } {
  const holder = globalThis as WithReads;
  const started = holder[SLOT];
  delete holder[SLOT];
  const fresh = freshReads(snapshotKey);
  const firstFrom = <T>(early: Promise<T> | undefined, read: () => Promise<T>) => {
    let pending = early;
    return () => {
      const taken = pending;
      pending = undefined;
      return taken ? taken.catch(read) : read();
    };
  };
  return {
    session: firstFrom(started?.session, fresh.session),
    pageUrl: firstFrom(started?.pageUrl, fresh.pageUrl),
    settings: firstFrom(started?.settings, fresh.settings),
    // For the module's transport (`withEarlyReplies`): what went out to the worker before it ran.
    earlyRequests: started?.earlyRequests,
  };
}
