import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/i18n', () => ({ prepareFormatting: () => void calls.push('prepareFormatting') }));
vi.mock('@/lib/vault', () => ({ removeScrubLeftovers: async () => void calls.push('removeScrubLeftovers') }));
vi.mock('@/lib/worker/lock', () => ({ lockAfterBrowserStart: async () => void calls.push('lockAfterBrowserStart') }));

const { afterBrowserStart, afterInstalled, SCRUB_LEFTOVERS_DELAY_MS } = await import('@/lib/worker/browser-start');

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

describe('afterInstalled', () => {
  function deps(shown: boolean | Error) {
    const done: string[] = [];
    return {
      done,
      deps: {
        welcomePageShown: async () => {
          if (shown instanceof Error) throw shown;
          return shown;
        },
        openWelcomePage: async () => void done.push('openWelcomePage'),
        rememberWelcomePageShown: async () => void done.push('rememberWelcomePageShown'),
        browserStarted: () => void done.push('browserStarted'),
      },
    };
  }

  it('opens the welcome page on a first install, then remembers it', async () => {
    const { done, deps: d } = deps(false);
    await afterInstalled('install', d);
    expect(done).toEqual(['openWelcomePage', 'rememberWelcomePageShown']);
  });

  it('treats "installed" on a profile already welcomed as a browser start (Chromium says so at every start of a build loaded from the command line)', async () => {
    const { done, deps: d } = deps(true);
    await afterInstalled('install', d);
    expect(done).toEqual(['browserStarted']);
  });

  it('opens the welcome page when the flag cannot be read', async () => {
    const { done, deps: d } = deps(new Error('storage failed'));
    await afterInstalled('install', d);
    expect(done).toEqual(['openWelcomePage', 'rememberWelcomePageShown']);
  });

  it('does not remember the page when it failed to open (tried again next time)', async () => {
    const { done, deps: d } = deps(false);
    d.openWelcomePage = async () => Promise.reject(new Error('no window'));
    await expect(afterInstalled('install', d)).rejects.toThrow('no window');
    expect(done).toEqual([]);
  });

  it('remembers an update as welcomed, and does nothing on a browser update', async () => {
    const update = deps(false);
    await afterInstalled('update', update.deps);
    expect(update.done).toEqual(['rememberWelcomePageShown']);
    const browserUpdate = deps(false);
    await afterInstalled('browser-update', browserUpdate.deps);
    expect(browserUpdate.done).toEqual([]);
  });
});
