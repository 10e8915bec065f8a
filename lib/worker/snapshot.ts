/** Writes the popup snapshot (`lib/popup/snapshot.ts`) to `storage.session`, where the next popup reads it first. */
import type { ActiveSiteReply } from '../contract';
import { parsePopupSnapshot, POPUP_SNAPSHOT_KEY, withCodes, withSite, type PopupSnapshot } from '../popup';
import { readSession, removeSession, writeSession } from '../platform';
import type { AccountCode, AccountCodeFailure, AccountMeta } from '../vault';

/** Where the snapshot is kept: `storage.session` in the worker, a fake in tests. */
export interface SnapshotStorage {
  read(): Promise<unknown>;
  write(snapshot: PopupSnapshot): Promise<void>;
  remove(): Promise<void>;
}

const sessionSnapshotStorage: SnapshotStorage = {
  read: () => readSession(POPUP_SNAPSHOT_KEY),
  write: (snapshot) => writeSession(POPUP_SNAPSHOT_KEY, snapshot),
  remove: () => removeSession(POPUP_SNAPSHOT_KEY),
};

export type PopupSnapshotWriter = ReturnType<typeof createPopupSnapshotWriter>;

/** Long enough for a popup's first requests (status, list, site, first codes) to go first. */
const SNAPSHOT_WRITE_DELAY_MS = 300;

/** The same codes for the same accounts: what a popup would draw from either is the same. */
function sameCodes(a: ReadonlyArray<AccountCode | AccountCodeFailure>, b: ReadonlyArray<AccountCode | AccountCodeFailure>): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x.id !== y.id || x.kind !== y.kind) return false;
    if ('error' in x || 'error' in y) return 'error' in x && 'error' in y && x.error === y.error;
    return x.current === y.current && x.next === y.next && x.stepStart === y.stepStart && x.stepEnd === y.stepEnd && x.period === y.period;
  });
}

function sameSite(a: ActiveSiteReply | undefined, b: ActiveSiteReply): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The worker's side. Writes are queued in order; a write whose data was read before the
 * latest `invalidate()` is dropped, so a snapshot never outlives the change that made it stale.
 *
 * Why it remembers what it wrote: `storage.session` converts every value through the browser
 * process, and for 1,000 accounts (~440 KB) one read or write takes 150–200 ms of the worker's
 * time, during which the next popup's requests wait. So the worker reads it at most once per
 * lifetime, and writes only what changed: a popup opened within the same time step, on a page
 * it already knows, writes nothing. The memory copy is a cache of what storage holds, not state:
 * a new worker reads storage again, and nothing but this writer (and `invalidate`) changes it.
 * What arrives while a write waits is written with it, once.
 */
export function createPopupSnapshotWriter(
  storage: SnapshotStorage = sessionSnapshotStorage,
  /**
   * Runs the write once the popup's first requests are answered: a write of 1,000 accounts keeps
   * the worker busy for a while, and a popup that has just opened is still asking for its codes.
   */
  defer: (step: () => void) => void = (step) => void setTimeout(step, SNAPSHOT_WRITE_DELAY_MS),
) {
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** What storage holds, as this worker last read or wrote it; undefined until read. */
  let stored: { snapshot: PopupSnapshot | null; accountsJson: string } | undefined;
  type Change = (current: PopupSnapshot | null, accountsJson: string) => Promise<PopupSnapshot | null>;
  /** Changes asked for since the last write was scheduled: applied together, written once. */
  let pending: Array<{ token: number; change: Change }> = [];

  function enqueue(step: () => Promise<unknown>): void {
    queue = queue.then(step).catch(() => undefined);
  }

  /** `change` returns the snapshot to write, or null when storage already holds what it would write. */
  function update(token: number, change: Change): void {
    pending.push({ token, change });
    if (pending.length === 1) defer(() => enqueue(writePending));
  }

  async function writePending(): Promise<void> {
    const changes = pending;
    pending = [];
    const current = generation;
    if (!changes.some((c) => c.token === current)) return;
    if (stored === undefined) {
      const snapshot = parsePopupSnapshot(await storage.read());
      stored = { snapshot, accountsJson: snapshot ? JSON.stringify(snapshot.accounts) : '' };
    }
    let next = stored.snapshot;
    let accountsJson = stored.accountsJson;
    let changed = false;
    for (const { token, change } of changes) {
      // Read before the latest invalidate: it would bring back what was dropped.
      if (token !== generation) continue;
      const changedTo = await change(next, accountsJson);
      if (changedTo === null) continue;
      next = changedTo;
      accountsJson = JSON.stringify(changedTo.accounts);
      changed = true;
    }
    if (!changed || next === null || current !== generation) return;
    // Forgotten first: a write that fails half-way leaves storage unknown, so it is read again.
    stored = undefined;
    await storage.write(next);
    if (current === generation) stored = { snapshot: next, accountsJson };
  }

  return {
    /** Taken before reading the vault; hand it back with what was read. */
    token: (): number => generation,
    /** `accounts` is read after the reply went out (from the vault's cache). */
    recordCodes(token: number, accounts: () => Promise<AccountMeta[]>, codes: Array<AccountCode | AccountCodeFailure>): void {
      update(token, async (current, accountsJson) => {
        const list = await accounts();
        if (current && sameCodes(current.codes, codes) && JSON.stringify(list) === accountsJson) return null;
        return withCodes(current, list, codes);
      });
    },
    recordSite(token: number, accounts: AccountMeta[], siteKey: string, site: ActiveSiteReply): void {
      update(token, async (current, accountsJson) => {
        if (current && sameSite(current.sites[siteKey], site) && JSON.stringify(accounts) === accountsJson) return null;
        return withSite(current, accounts, siteKey, site);
      });
    },
    /** The vault changed or locked: forget everything at once. */
    invalidate(): Promise<void> {
      generation += 1;
      // Known once the removal below has run; until then a later update reads storage itself.
      stored = undefined;
      enqueue(async () => {
        await storage.remove();
        stored = { snapshot: null, accountsJson: '' };
      });
      // Resolves once the snapshot is gone (after whatever was queued before).
      return queue.then(() => undefined);
    },
  };
}
