/**
 * What the worker does when the browser starts (Chromium wakes it for `runtime.onStartup`, and
 * the first popup of the day usually follows within a second), and when it says "installed".
 */
import { prepareFormatting } from '../i18n';
import { removeScrubLeftovers } from '../vault';
import { lockAfterBrowserStart } from './lock';
import type { InstalledReason } from '../platform';
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

export interface InstalledDeps {
  welcomePageShown(): Promise<boolean>;
  openWelcomePage(): Promise<void>;
  rememberWelcomePageShown(): Promise<void>;
  /** `afterBrowserStart` for this worker's vault. */
  browserStarted(): void;
}

/**
 * The welcome page opens on a profile's first install only. Chromium reports an extension loaded
 * with `--load-extension` (a developer's build, the README's demo, our tests and bench) as newly
 * installed at every browser start, with the profile's data kept, and never sends it
 * `runtime.onStartup`: without the flag it opened the welcome page at every start, and missed
 * what a browser start does. So "installed" on a profile that was shown the welcome page is a
 * browser start. An update means the profile had Tessera before: remembered too, so the first
 * start of a developer's build after updating opens nothing. A failed flag read counts as never
 * shown (one welcome page too many is the safe mistake); the flag is written after the page
 * opened, so a failed open is tried again next time.
 */
export async function afterInstalled(reason: InstalledReason, deps: InstalledDeps): Promise<void> {
  if (reason === 'update') return deps.rememberWelcomePageShown();
  if (reason !== 'install') return;
  if (await deps.welcomePageShown().catch(() => false)) return deps.browserStarted();
  await deps.openWelcomePage();
  await deps.rememberWelcomePageShown();
}
