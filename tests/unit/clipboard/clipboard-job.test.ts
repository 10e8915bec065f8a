import { describe, expect, it } from 'vitest';
import { isClipboardJob, shouldClear } from '@/lib/clipboard-job';

// #14.11: the offscreen document clears the clipboard only through `shouldClear`.
const job = { copied: '287082', clearAt: 10_000 };

describe('clipboard clearing', () => {
  it('clears our own code once the delay is over', () => {
    expect(shouldClear(job, '287082', 10_000)).toBe(true);
    expect(shouldClear(job, '287082', 99_000)).toBe(true);
  });

  it.each([
    ['a password the user copied since', 'hunter2-correct-horse'],
    ['another code (copied from another account)', '755224'],
    ['our code with something around it', ' 287082'],
    ['the code grouped differently', '287 082'],
    ['an empty clipboard', ''],
  ])('never clears %s', (_what, clipboard) => {
    expect(shouldClear(job, clipboard, 20_000)).toBe(false);
  });

  it('never clears before the delay the user chose', () => {
    expect(shouldClear(job, '287082', 9_999)).toBe(false);
  });

  it('takes only a well-formed job from session storage', () => {
    expect(isClipboardJob(job)).toBe(true);
    for (const bad of [null, 'x', { copied: 1, clearAt: 1 }, { copied: 'a', clearAt: Number.NaN }, { copied: 'a' }]) {
      expect(isClipboardJob(bad)).toBe(false);
    }
  });
});
