/**
 * The organisation's policy as the worker enforces it: read from the managed area, parsed, cached
 * until the area changes, and followed for what it shapes outside requests (menus, the in-page
 * button, the popup snapshot).
 */
import { NO_POLICY, type ManagedPolicy, type ParsedPolicy } from '../policy';
import { parsePolicy } from '../policy-parse';
import { onManagedChange, readManagedStorage } from '../platform';

/**
 * Without any policy, Chromium answers `{}`; some builds and Firefox without a policy file reject
 * instead. Both mean "no policy", never "block everything".
 */
async function readManagedPolicy(): Promise<ParsedPolicy> {
  let raw: unknown;
  try {
    raw = await readManagedStorage();
  } catch {
    return { policy: NO_POLICY, issues: [] };
  }
  return parsePolicy(raw);
}

/** A cache, not state: a new worker or page reads again; any change to the area drops it. */
let cached: Promise<ParsedPolicy> | null = null;
let listening = false;

function dropCacheOnChange(): void {
  if (listening) return;
  listening = true;
  onManagedChange(() => (cached = null));
}

/**
 * The policy in force now, with what was ignored in it (for the manage page's summary). `fresh`
 * reads it again: a page that saw the change may ask before the worker's own change event ran.
 */
export function currentParsedPolicy(options: { fresh?: boolean } = {}): Promise<ParsedPolicy> {
  dropCacheOnChange();
  if (options.fresh) cached = null;
  cached ??= readManagedPolicy();
  const pending = cached;
  // A failed read is not kept: the next call asks the browser again.
  pending.catch(() => {
    if (cached === pending) cached = null;
  });
  return pending;
}

/** The policy in force now (what the worker enforces on every request). */
export async function currentPolicy(): Promise<ManagedPolicy> {
  return (await currentParsedPolicy()).policy;
}

/** Calls `callback` with the newly read policy each time the administrator changes it. */
export function watchPolicy(callback: (parsed: ParsedPolicy) => void): () => void {
  // Read through the cache, so what the callback then asks (`currentPolicy()`) is this same read.
  return onManagedChange(() => void currentParsedPolicy({ fresh: true }).then(callback));
}
