import { describe, expect, it } from 'vitest';
import { createPopupSnapshotWriter, type SnapshotStorage } from '@/lib/worker';
import type { PopupSnapshot } from '@/lib/popup';
import type { AccountCode, AccountMeta } from '@/lib/vault';

const ALICE = { id: 'a', kind: 'totp', issuer: 'GitHub', account: 'alice', sites: [], pinned: false, order: 0 } as unknown as AccountMeta;
const BOB = { id: 'b', kind: 'totp', issuer: 'GitLab', account: 'bob', sites: [], pinned: false, order: 1 } as unknown as AccountMeta;
const SITE = { domain: 'github.com', accountIds: ['a'], fillableIds: ['a'] };

function codeAt(id: string, step: number): AccountCode {
  return { id, kind: 'totp', current: `${id}-${step}`, next: `${id}-${step + 1}`, period: 30, stepStart: step * 30_000, stepEnd: (step + 1) * 30_000 };
}

/** Counts what reaches storage; `defer` runs at once, `settle` waits for the queue. */
function fakeStorage(initial: unknown = undefined) {
  let value = initial;
  const calls = { read: 0, write: 0, remove: 0 };
  const storage: SnapshotStorage = {
    read: async () => (calls.read++, value),
    write: async (snapshot) => void (calls.write++, (value = structuredClone(snapshot))),
    remove: async () => void (calls.remove++, (value = undefined)),
  };
  return { storage, calls, value: () => value as PopupSnapshot | undefined };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPopupSnapshotWriter', () => {
  it('reads storage once per worker and writes only what changed', async () => {
    const fake = fakeStorage();
    const writer = createPopupSnapshotWriter(fake.storage, (step) => step());
    const list = async () => [ALICE, BOB];
    writer.recordCodes(writer.token(), list, [codeAt('a', 1), codeAt('b', 1)]);
    writer.recordSite(writer.token(), [ALICE, BOB], 'https://github.com', SITE);
    await settle();
    // Asked together: written together.
    expect(fake.calls).toEqual({ read: 1, write: 1, remove: 0 });

    // The next popup in the same time step, on the same page: nothing new to keep.
    writer.recordSite(writer.token(), [ALICE, BOB], 'https://github.com', { ...SITE });
    writer.recordCodes(writer.token(), list, [codeAt('a', 1), codeAt('b', 1)]);
    await settle();
    expect(fake.calls).toEqual({ read: 1, write: 1, remove: 0 });

    // A new step, or another page: written.
    writer.recordCodes(writer.token(), list, [codeAt('a', 2), codeAt('b', 2)]);
    writer.recordSite(writer.token(), [ALICE, BOB], 'https://gitlab.com', { domain: 'gitlab.com', accountIds: [], fillableIds: [] });
    await settle();
    expect(fake.calls).toEqual({ read: 1, write: 2, remove: 0 });
    expect(fake.value()?.codes).toEqual([codeAt('a', 2), codeAt('b', 2)]);
    expect(Object.keys(fake.value()!.sites)).toEqual(['https://github.com', 'https://gitlab.com']);
  });

  it('waits before writing, so the popup\'s next requests come first, and writes what arrived meanwhile once', async () => {
    const fake = fakeStorage();
    const waiting: Array<() => void> = [];
    const writer = createPopupSnapshotWriter(fake.storage, (step) => void waiting.push(step));
    writer.recordSite(writer.token(), [ALICE], 'https://github.com', SITE);
    writer.recordCodes(writer.token(), async () => [ALICE], [codeAt('a', 1)]);
    await settle();
    expect(fake.calls).toEqual({ read: 0, write: 0, remove: 0 });
    expect(waiting).toHaveLength(1);
    waiting.shift()!();
    await settle();
    expect(fake.calls).toEqual({ read: 1, write: 1, remove: 0 });
    expect(fake.value()).toEqual({ v: 1, accounts: [ALICE], codes: [codeAt('a', 1)], sites: { 'https://github.com': SITE } });
  });

  it('writes again when the accounts differ from what storage holds, even with the same codes', async () => {
    const fake = fakeStorage();
    const writer = createPopupSnapshotWriter(fake.storage, (step) => step());
    writer.recordCodes(writer.token(), async () => [ALICE, BOB], [codeAt('a', 1), codeAt('b', 1)]);
    await settle();
    writer.recordCodes(writer.token(), async () => [ALICE, { ...BOB, issuer: 'GitLab EU' }], [codeAt('a', 1), codeAt('b', 1)]);
    await settle();
    expect(fake.calls.write).toBe(2);
    expect(fake.value()?.accounts.map((a) => a.issuer)).toEqual(['GitHub', 'GitLab EU']);
  });

  it('after invalidate, drops what was read before it and writes the next answer in full', async () => {
    const fake = fakeStorage();
    const writer = createPopupSnapshotWriter(fake.storage, (step) => step());
    const before = writer.token();
    writer.recordCodes(before, async () => [ALICE, BOB], [codeAt('a', 1), codeAt('b', 1)]);
    await settle();
    await writer.invalidate();
    expect(fake.value()).toBeUndefined();
    // Read before the change: dropped.
    writer.recordSite(before, [ALICE, BOB], 'https://github.com', SITE);
    await settle();
    expect(fake.value()).toBeUndefined();
    // The same codes as before the change are written again: storage no longer holds them.
    writer.recordCodes(writer.token(), async () => [ALICE], [codeAt('a', 1)]);
    await settle();
    expect(fake.value()?.accounts).toEqual([ALICE]);
    expect(fake.calls.read).toBe(1);
  });

  it('starts from what storage holds when the worker starts again', async () => {
    const fake = fakeStorage();
    const first = createPopupSnapshotWriter(fake.storage, (step) => step());
    first.recordCodes(first.token(), async () => [ALICE], [codeAt('a', 1)]);
    first.recordSite(first.token(), [ALICE], 'https://github.com', SITE);
    await settle();
    const writes = fake.calls.write;
    const restarted = createPopupSnapshotWriter(fake.storage, (step) => step());
    restarted.recordCodes(restarted.token(), async () => [ALICE], [codeAt('a', 1)]);
    await settle();
    expect(fake.calls.read).toBe(2);
    expect(fake.calls.write).toBe(writes);
  });
});
