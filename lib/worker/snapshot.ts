/** Writes the popup snapshot (`lib/popup/snapshot.ts`) to `storage.session`, where the next popup reads it first. */
import type { ActiveSiteReply } from '../contract';
import { parsePopupSnapshot, POPUP_SNAPSHOT_KEY, withCodes, withSite, type PopupSnapshot } from '../popup';
import { readSession, removeSession, writeSession } from '../platform';
import type { AccountCode, AccountCodeFailure, AccountMeta } from '../vault';

async function loadPopupSnapshot(): Promise<PopupSnapshot | null> {
  return parsePopupSnapshot(await readSession(POPUP_SNAPSHOT_KEY));
}

export type PopupSnapshotWriter = ReturnType<typeof createPopupSnapshotWriter>;

/**
 * The worker's side. Writes are queued in order; a write whose data was read before the
 * latest `invalidate()` is dropped, so a snapshot never outlives the change that made it stale.
 */
export function createPopupSnapshotWriter() {
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue(step: () => Promise<unknown>): void {
    queue = queue.then(step).catch(() => undefined);
  }

  function update(token: number, change: (current: PopupSnapshot | null) => Promise<PopupSnapshot>): void {
    // After the reply has gone out: the popup waiting for it comes first.
    setTimeout(() => {
      enqueue(async () => {
        if (token !== generation) return;
        const next = await change(await loadPopupSnapshot());
        if (token !== generation) return;
        await writeSession(POPUP_SNAPSHOT_KEY, next);
      });
    }, 0);
  }

  return {
    /** Taken before reading the vault; hand it back with what was read. */
    token: (): number => generation,
    /** `accounts` is read after the reply went out (from the vault's cache). */
    recordCodes(token: number, accounts: () => Promise<AccountMeta[]>, codes: Array<AccountCode | AccountCodeFailure>): void {
      update(token, async (current) => withCodes(current, await accounts(), codes));
    },
    recordSite(token: number, accounts: AccountMeta[], siteKey: string, site: ActiveSiteReply): void {
      update(token, async (current) => withSite(current, accounts, siteKey, site));
    },
    /** The vault changed or locked: forget everything at once. */
    invalidate(): Promise<void> {
      generation += 1;
      enqueue(() => removeSession(POPUP_SNAPSHOT_KEY));
      // Resolves once the snapshot is gone (after whatever was queued before).
      return queue.then(() => undefined);
    },
  };
}
