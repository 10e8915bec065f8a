import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/i18n', () => ({ prepareFormatting: () => void calls.push('prepareFormatting') }));
vi.mock('@/lib/vault', () => ({ removeScrubLeftovers: async () => void calls.push('removeScrubLeftovers') }));
vi.mock('@/lib/worker/lock', () => ({ lockAfterBrowserStart: async () => void calls.push('lockAfterBrowserStart') }));

const { afterBrowserStart, SCRUB_LEFTOVERS_DELAY_MS } = await import('@/lib/worker/browser-start');

describe('afterBrowserStart', () => {
  beforeEach(() => void calls.splice(0));

  it('locks at once, prepares the formatters in a task of their own, and clears scrub leftovers later', () => {
    const scheduled: Array<{ task: () => void; ms: number }> = [];
    afterBrowserStart({} as never, (task, ms) => scheduled.push({ task, ms }));
    // Locking starts now; nothing else runs in this task (the first popup's requests come first).
    expect(calls).toEqual(['lockAfterBrowserStart']);
    expect(scheduled.map((s) => s.ms)).toEqual([0, SCRUB_LEFTOVERS_DELAY_MS]);

    scheduled[0]!.task();
    expect(calls).toEqual(['lockAfterBrowserStart', 'prepareFormatting']);
    scheduled[1]!.task();
    expect(calls).toEqual(['lockAfterBrowserStart', 'prepareFormatting', 'removeScrubLeftovers']);
  });
});
