/**
 * What the worker does when the browser starts (Chromium wakes it for `runtime.onStartup`, and
 * the first popup of the day usually follows within a second).
 */
import { prepareFormatting } from '../i18n';
import { removeScrubLeftovers } from '../vault';
import { lockAfterBrowserStart } from './lock';
import type { VaultAccess } from './vault-access';

/** Deleting a left-over scrub database waits this long (it competes with the first popup for IndexedDB). */
export const SCRUB_LEFTOVERS_DELAY_MS = 5_000;

type Schedule = (task: () => void, ms: number) => unknown;

export function afterBrowserStart(vault: VaultAccess, schedule: Schedule = setTimeout): void {
  // The unlocked key lives in storage.session, which a browser restart empties; say so anyway.
  void lockAfterBrowserStart(vault).catch(() => undefined);
  // The popup's first drawing formats numbers (each countdown says its seconds in words), and the
  // first `Intl` object of a process loads its locale data: 50–150 ms right after a browser start.
  // Chromium runs the extension's pages in the worker's process, and that cost is paid once per
  // process, so paid here, in a task of its own while the worker waits for IndexedDB, the first
  // popup finds it done (its own call then took under 1 ms against 50–75 ms, by marks in the
  // popup over 7 restarts each; README, "Tests"). Not on every worker start: a worker woken by the popup has its requests to
  // answer first, and the popup then overlaps this with its wait for the codes.
  schedule(prepareFormatting, 0);
  // Space held by an erase the worker did not finish: once the first popup has its codes.
  schedule(() => void removeScrubLeftovers().catch(() => undefined), SCRUB_LEFTOVERS_DELAY_MS);
}
