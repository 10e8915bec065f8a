import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPolicySource, type PolicyStore } from '@/lib/policy-source';
import { createPolicyStore } from '@/lib/policy-store';

/** A `storage.managed.get` the test answers when it chooses (as the browser does ~3 s after start). */
function browserRead() {
  let answer!: (raw: unknown) => void;
  let refuse!: (error: unknown) => void;
  const reads: number[] = [];
  const answers: Array<(raw: unknown) => void> = [];
  const read = () =>
    new Promise<unknown>((resolve, reject) => {
      reads.push(reads.length);
      answers.push(resolve);
      answer = resolve;
      refuse = reject;
    });
  return {
    read,
    /** Answers the latest read. */
    answer: (raw: unknown) => answer(raw),
    /** Answers read number `index` (0: the first), however many were asked since. */
    answerRead: (index: number, raw: unknown) => answers[index]!(raw),
    refuse: (error: unknown) => refuse(error),
    reads,
  };
}

/** What an action came to: 'allowed' or the refusal's code. */
function outcomeOf(action: Promise<unknown>): Promise<string | undefined> {
  return action.then(
    () => 'allowed',
    (error: { code?: string }) => error.code,
  );
}

function memoryStore(initial?: unknown): PolicyStore & { saved: unknown[] } {
  let raw = initial;
  const saved: unknown[] = [];
  return {
    saved,
    load: async () => raw,
    save: async (next) => {
      raw = next;
      saved.push(next);
    },
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPolicySource', () => {
  it('starts reading storage.managed when created, before anything asks', () => {
    const managed = browserRead();
    createPolicySource({ readManaged: managed.read, store: memoryStore() });
    expect(managed.reads).toHaveLength(1);
  });

  it('decides what only shows with the stored policy while the browser has not answered', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore({ disableExport: true }) });

    const shown = await source.current();

    expect(shown.policy).toEqual({ disableExport: true });
  });

  it('makes actions wait for the browser, so a policy tightened while the browser was closed holds at once', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore({}) });
    let decided: unknown = null;
    const action = source.enforced().then((parsed) => (decided = parsed.policy));
    await settle();
    expect(decided).toBeNull();

    managed.answer({ disableExport: true, disableAutofill: true });
    await action;

    expect(decided).toEqual({ disableExport: true, disableAutofill: true });
    expect((await source.current()).policy).toEqual({ disableExport: true, disableAutofill: true });
  });

  it('tells listeners when the browser answer differs from the stored one, and stores it', async () => {
    const managed = browserRead();
    const store = memoryStore({});
    const source = createPolicySource({ readManaged: managed.read, store });
    const applied: Array<[unknown, unknown]> = [];
    source.onApplied((parsed, previous) => applied.push([parsed.policy, previous?.policy ?? null]));
    await source.current();

    managed.answer({ requirePassphrase: true });
    await source.enforced();
    await settle();

    // First the stored copy (nothing before it), then the browser's different answer.
    expect(applied).toEqual([
      [{}, null],
      [{ requirePassphrase: true }, {}],
    ]);
    expect(store.saved).toEqual([{ requirePassphrase: true }]);
  });

  it('does not tell listeners nor write when the browser confirms the stored policy (any key order)', async () => {
    const managed = browserRead();
    const store = memoryStore({ disableExport: true, autoLockMinutes: 5 });
    const source = createPolicySource({ readManaged: managed.read, store });
    await source.current();
    const applied = vi.fn();
    source.onApplied(applied);

    managed.answer({ autoLockMinutes: 5, disableExport: true });
    await source.enforced();
    await settle();

    expect(applied).not.toHaveBeenCalled();
    expect(store.saved).toEqual([]);
  });

  it('on first install (nothing stored) waits for the browser even for what only shows', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore(undefined) });
    let shown: unknown = null;
    const pending = source.current().then((parsed) => (shown = parsed.policy));
    await settle();
    expect(shown).toBeNull();

    managed.answer({ requirePassphrase: true });
    await pending;

    expect(shown).toEqual({ requirePassphrase: true });
  });

  describe('a browser that does not answer', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    /** A source whose browser has already left one read unanswered for the whole timeout (15 s here). */
    async function silencedOnce(stored: unknown = {}) {
      const managed = browserRead();
      const source = createPolicySource({ readManaged: managed.read, store: memoryStore(stored), readTimeoutMs: 15_000, silentWaitMs: 2_000 });
      const first = outcomeOf(source.enforced());
      await vi.advanceTimersByTimeAsync(15_000);
      expect(await first).toBe('policy-unavailable');
      return { managed, source };
    }

    it('refuses actions, instead of falling back to an older policy, and asks the browser again', async () => {
      const { managed } = await silencedOnce();
      // Asked again, in case the first request was lost.
      expect(managed.reads).toHaveLength(2);
    });

    it('then refuses later actions after the short wait, not another full one', async () => {
      const { managed, source } = await silencedOnce();
      let second: string | undefined;
      void outcomeOf(source.enforced()).then((code) => (second = code));
      await vi.advanceTimersByTimeAsync(1_999);
      expect(second).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(second).toBe('policy-unavailable');
      // Each refusal asks the browser again.
      expect(managed.reads).toHaveLength(3);
    });

    it('lets an action through when the answer comes within the short wait, and waits the full time again after a refresh', async () => {
      const { managed, source } = await silencedOnce();
      const second = outcomeOf(source.enforced());
      await vi.advanceTimersByTimeAsync(1_000);
      managed.answer({ disableExport: true });
      expect(await second).toBe('allowed');
      expect((await source.enforced()).policy).toEqual({ disableExport: true });

      // The browser answers again now: an administrator's change waits the full time once more.
      let third: string | undefined;
      void outcomeOf(source.refresh()).then((code) => (third = code));
      await vi.advanceTimersByTimeAsync(2_000);
      expect(third).toBeUndefined();
      managed.answer({});
      await vi.advanceTimersByTimeAsync(0);
      expect(third).toBe('allowed');
    });

    it('takes a late answer to the first read once the browser has been asked again', async () => {
      const { managed, source } = await silencedOnce();
      const action = source.enforced();
      managed.answerRead(0, { requirePassphrase: true });
      expect((await action).policy).toEqual({ requirePassphrase: true });
    });

    it('on first install, refuses what only shows too', async () => {
      const managed = browserRead();
      const source = createPolicySource({ readManaged: managed.read, store: memoryStore(undefined), readTimeoutMs: 1000 });
      const outcome = outcomeOf(source.current());
      await vi.advanceTimersByTimeAsync(1000);
      expect(await outcome).toBe('policy-unavailable');
    });
  });

  it('keeps a known policy in force when the browser answers with an error', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore({ deviceBoundOnly: true }) });
    managed.refuse(new Error('Managed storage is not available'));

    expect((await source.enforced()).policy).toEqual({ deviceBoundOnly: true });
  });

  it('takes an error for "no policy" when none was in force (Firefox without a policy)', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore(undefined) });
    managed.refuse(new Error('Managed storage manifest not found'));

    expect((await source.enforced()).policy).toEqual({});
  });

  it('reads again on an administrator change, and actions wait for that read', async () => {
    const managed = browserRead();
    const source = createPolicySource({ readManaged: managed.read, store: memoryStore({}) });
    managed.answer({});
    await source.enforced();

    const refreshed = source.refresh();
    const action = source.enforced();
    managed.answer({ disableExport: true });

    expect((await refreshed).policy).toEqual({ disableExport: true });
    expect((await action).policy).toEqual({ disableExport: true });
  });

  it('ignores an older read that answers after a newer one', async () => {
    const answers: Array<(raw: unknown) => void> = [];
    const source = createPolicySource({
      readManaged: () => new Promise((resolve) => answers.push(resolve)),
      store: memoryStore({}),
    });
    const refreshed = source.refresh();
    answers[1]!({ disableAutofill: true });
    await refreshed;
    answers[0]!({});
    await settle();

    expect((await source.current()).policy).toEqual({ disableAutofill: true });
  });
});

describe('createPolicyStore', () => {
  it('keeps the last policy across instances of the worker (same database)', async () => {
    const factory = new IDBFactory();
    expect(await createPolicyStore(factory).load()).toBeUndefined();

    await createPolicyStore(factory).save({ disableExport: true });

    expect(await createPolicyStore(factory).load()).toEqual({ disableExport: true });
  });

  it('fails its load, rather than inventing a policy, without IndexedDB', async () => {
    await expect(createPolicyStore(null).load()).rejects.toThrow();
  });
});
