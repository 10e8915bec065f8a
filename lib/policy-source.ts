/**
 * Owns which managed policy the worker decides with at each moment: the last one it read (kept in
 * its own IndexedDB) until the browser answers afresh, then the browser's answer (no browser calls
 * here; lib/platform/policy.ts supplies the read and the store).
 *
 * Why. Right after the browser starts, Chromium answers the first `storage.managed.get` only after
 * ~3 s (the second takes a few ms), so a worker that waited for it on every request made the first
 * popup of the day wait 3 s. The read now starts with the worker and nothing waits for it except:
 *
 * - `enforced()`, for every action that lets a secret or a code leave Tessera or weakens its
 *   protection (export, backup, QR, fill, in-page fill, capture, adding an account, setting,
 *   changing or removing the passphrase). These wait for this worker's own read, so a policy the
 *   administrator tightened while the browser was closed is in force before any of them can run.
 *   No answer within `readTimeoutMs`: they refuse (`policy-unavailable`), they never fall back to
 *   an older or absent policy. Once one read has gone unanswered that long, later actions wait
 *   only `silentWaitMs` before refusing: Chromium sometimes never answers `storage.managed` for a
 *   whole browser session (seen here in ~1 in 6 test launches, the read still pending minutes
 *   later; Edge users met the same), and a person should not wait 15 s at every click to be told
 *   so. The browser is asked again at each refusal, and its answer, whenever it comes, ends this.
 * - `current()`, for what only shows the vault to the person at the keyboard (the list, codes,
 *   status, the Fill button's visibility, auto-lock minutes). It answers at once with the last
 *   policy read and moves to the browser's answer the moment it arrives; a tighter policy then
 *   takes effect at once, in open pages too (`onApplied`: the worker tells them to start over).
 *   So after a restart a policy tightened while the browser was closed can let the list show for
 *   the time the browser takes to deliver it (~3 s here), never anything leave.
 * - First install under a policy (nothing stored yet): nothing is known, so `current()` waits for
 *   the browser's answer as `enforced()` does, and refuses after the same timeout.
 *
 * A browser that answers with an error (Firefox, and some Chromium builds, when there is no
 * policy) is taken to mean "no policy" only when no policy was in force before; a policy already
 * known stays in force (fail closed) until the browser answers with another one.
 */
import { isPolicyActive, PolicyError, type ParsedPolicy } from './policy';
import { parsePolicy } from './policy-parse';

/** Where the last policy read is kept; only the extension can write it (its own IndexedDB). */
export interface PolicyStore {
  /** The raw `storage.managed` object last read, or undefined when none was ever stored. */
  load(): Promise<unknown>;
  save(raw: unknown): Promise<void>;
}

export interface PolicySourceDeps {
  /** `storage.managed.get(null)`: resolves with the raw object, rejects when the browser refuses. */
  readManaged: () => Promise<unknown>;
  store: PolicyStore;
  /** How long an action waits for the browser's answer before it refuses. */
  readTimeoutMs?: number;
  /** How long once a read has already gone unanswered for `readTimeoutMs`. */
  silentWaitMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** `previous`: what was decided with before (null on first install); called only when the policy changed. */
export type PolicyListener = (parsed: ParsedPolicy, previous: ParsedPolicy | null) => void;

export interface PolicySource {
  /** For what only shows: the freshest policy known now; waits only when none is known yet. */
  current(): Promise<ParsedPolicy>;
  /** For what leaves or weakens: the policy as the browser reports it to this worker. */
  enforced(): Promise<ParsedPolicy>;
  /** The administrator changed the policy (`storage.onChanged`, area `managed`): read it again. */
  refresh(): Promise<ParsedPolicy>;
  onApplied(listener: PolicyListener): () => void;
}

/** Generous: a browser under load at start-up took 3 s to answer here; none answering is the failure case. */
export const POLICY_READ_TIMEOUT_MS = 15_000;
/** After the browser has been silent for `POLICY_READ_TIMEOUT_MS`: still long enough for a late answer to a fresh read (a few ms once the browser is up). */
export const POLICY_SILENT_WAIT_MS = 2_000;

export function createPolicySource({
  readManaged,
  store,
  readTimeoutMs = POLICY_READ_TIMEOUT_MS,
  silentWaitMs = POLICY_SILENT_WAIT_MS,
  setTimeout: schedule = (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: cancel = (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}: PolicySourceDeps): PolicySource {
  /** What decisions use now, and whether it is the browser's answer to this worker. */
  let known: { raw: unknown; parsed: ParsedPolicy } | null = null;
  let answered = false;
  /** A read went unanswered for the whole `readTimeoutMs`: the browser may not answer this session. */
  let silent = false;
  /** Bumped when the administrator changes the policy: an answer to an earlier ask is then stale. A retry keeps it, so a late answer to the first ask still counts. */
  let generation = 0;
  const listeners = new Set<PolicyListener>();

  function apply(raw: unknown): void {
    const previous = known;
    const changed = previous === null || canonical(previous.raw) !== canonical(raw);
    if (!changed) return;
    known = { raw, parsed: parsePolicy(raw) };
    for (const listener of listeners) listener(known.parsed, previous?.parsed ?? null);
  }

  const storeLoaded: Promise<void> = store
    .load()
    .then((raw) => {
      // The browser may have answered first; its answer wins.
      if (raw !== undefined && !answered) apply(raw);
    })
    // An unreadable store is the first-install case: wait for the browser.
    .catch(() => undefined);

  function read(): Promise<ParsedPolicy> {
    const asked = generation;
    return readManaged().then(
      async (raw) => {
        await storeLoaded;
        if (asked !== generation) return pending;
        const before = known?.raw;
        answered = true;
        silent = false;
        apply(raw ?? {});
        if (before === undefined || canonical(before) !== canonical(raw ?? {})) void store.save(raw ?? {}).catch(() => undefined);
        return known!.parsed;
      },
      async () => {
        await storeLoaded;
        if (asked !== generation) return pending;
        // An error is "no policy" (Firefox) unless a policy is already in force: that one stays.
        answered = true;
        silent = false;
        if (known === null || !isPolicyActive(known.parsed.policy)) apply({});
        return known!.parsed;
      },
    );
  }

  // The read starts now, with the worker, not with the first request.
  let pending: Promise<ParsedPolicy> = read();

  function enforced(): Promise<ParsedPolicy> {
    if (answered) return Promise.resolve(known!.parsed);
    const waitingFor = pending;
    return new Promise<ParsedPolicy>((resolve, reject) => {
      const timer = schedule(
        () => {
          silent = true;
          reject(
            new PolicyError(
              'policy-unavailable',
              'The browser has not told Tessera whether an organisation policy applies, so Tessera did not do this. If this keeps happening, restart the browser.',
            ),
          );
          // Ask the browser again, in case that request was lost; whichever is answered first counts.
          if (pending === waitingFor && !answered) pending = Promise.race([waitingFor, read()]);
        },
        silent ? silentWaitMs : readTimeoutMs,
      );
      waitingFor.then(resolve, reject).finally(() => cancel(timer));
    });
  }

  return {
    async current() {
      if (answered) return known!.parsed;
      await storeLoaded;
      if (known !== null) return known.parsed;
      // First install: no policy known yet, so nothing is decided without the browser's answer.
      return enforced();
    },
    enforced,
    refresh() {
      answered = false;
      generation += 1;
      pending = read();
      return enforced();
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** JSON with sorted keys, so the same policy read twice compares equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? {}, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

