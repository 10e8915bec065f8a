/**
 * The organisation's policy as the worker decides with it: one source per worker
 * (`lib/policy-source.ts`) bound to the managed area, the last read kept in the extension's own
 * IndexedDB (`lib/policy-store.ts`), and the area's change events.
 */
import type { ManagedPolicy, ParsedPolicy } from '../policy';
import { createPolicySource, type PolicyListener, type PolicySource } from '../policy-source';
import { createPolicyStore } from '../policy-store';
import { onManagedChange, readManagedStorage } from '../platform';

let source: PolicySource | null = null;

/**
 * Starts the read of `storage.managed` (and of the stored copy) if it has not started yet; the
 * worker calls it first thing, so the browser's slow first answer after a start (~3 s) overlaps
 * start-up. A new worker starts again: the source is a cache of the browser's answer, not state.
 */
export function startPolicySource(): PolicySource {
  if (source) return source;
  const started = createPolicySource({ readManaged: readManagedStorage, store: createPolicyStore() });
  // The administrator changed the policy: read it again (the listener wakes a stopped worker too).
  onManagedChange(() => void started.refresh().catch(() => undefined));
  source = started;
  return started;
}

/** For what only shows: the last policy known, at once (see `lib/policy-source.ts`). */
export function currentParsedPolicy(): Promise<ParsedPolicy> {
  return startPolicySource().current();
}

export async function currentPolicy(): Promise<ManagedPolicy> {
  return (await currentParsedPolicy()).policy;
}

/** For what lets a secret or code leave, or weakens protection: the browser's answer to this worker. */
export function enforcedParsedPolicy(): Promise<ParsedPolicy> {
  return startPolicySource().enforced();
}

export async function enforcedPolicy(): Promise<ManagedPolicy> {
  return (await enforcedParsedPolicy()).policy;
}

/** Calls `callback` each time the policy decisions use changes (the stored copy, then the browser's different answer, or an administrator's change). */
export function watchPolicy(callback: PolicyListener): () => void {
  return startPolicySource().onApplied(callback);
}
