import { beforeEach, describe, expect, it, vi } from 'vitest';

// The browser as lockNow sees it: session storage holding a pending capture, and the alarms.
const browserState = vi.hoisted(() => ({ session: new Map<string, unknown>(), alarmsCleared: [] as string[] }));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      session: {
        get: async (key: string) => (browserState.session.has(key) ? { [key]: browserState.session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => browserState.session.set(k, v)),
        remove: async (key: string) => void browserState.session.delete(key),
      },
      onChanged: { addListener: () => undefined },
      managed: { get: async () => ({}) },
    },
    alarms: { clear: async (name: string) => void browserState.alarmsCleared.push(name), create: async () => undefined },
  },
}));

const { lockAfterBrowserStart, lockNow, AUTO_LOCK_ALARM } = await import('@/lib/worker/lock');

// The worker's own key for findings waiting for review (lib/worker/capture.ts).
const PENDING_KEY = 'capture:pending';

beforeEach(() => {
  browserState.session.clear();
  browserState.alarmsCleared = [];
});

describe('lockNow', () => {
  it('forgets a pending capture (it holds found secrets) with the key (#14.5)', async () => {
    const locked = vi.fn(async () => undefined);
    const vault = Object.assign(async () => ({}), { lock: async () => ({ lock: locked, isLocked: async () => false }), forget: vi.fn() });
    browserState.session.set(PENDING_KEY, {
      id: 'c',
      tabId: 1,
      url: 'https://acme.test/',
      createdAt: 0,
      items: [{ id: 'i', texts: ['otpauth://totp/A?secret=JBSWY3DP'] }],
      scan: { scanned: 1, unreadable: 0, screenshot: 'not-needed', ms: 1 },
    });
    expect(browserState.session.has(PENDING_KEY)).toBe(true);

    await lockNow(vault as never);

    expect(locked).toHaveBeenCalled();
    expect(vault.forget).toHaveBeenCalled();
    expect(browserState.session.has(PENDING_KEY)).toBe(false);
    expect(browserState.alarmsCleared).toEqual([AUTO_LOCK_ALARM]);
  });
});

describe('lockAfterBrowserStart', () => {
  function fakeVault(mode: 'device' | 'passphrase', locked: boolean) {
    const lock = { mode: vi.fn(async () => mode), isLocked: vi.fn(async () => locked), lock: vi.fn(async () => undefined) };
    return { vault: Object.assign(async () => ({}), { lock: async () => lock, forget: vi.fn() }), lock };
  }

  it('keeps the vault this worker opened when the browser already locked it (device mode, or no key in the session)', async () => {
    for (const [mode, locked] of [['device', false], ['passphrase', true]] as const) {
      const { vault, lock } = fakeVault(mode, locked);
      await lockAfterBrowserStart(vault as never);
      expect(lock.lock).not.toHaveBeenCalled();
      expect(vault.forget).not.toHaveBeenCalled();
    }
    // The auto-lock alarm may outlive the session: cleared every time.
    expect(browserState.alarmsCleared).toEqual([AUTO_LOCK_ALARM, AUTO_LOCK_ALARM]);
  });

  it('locks away a key found in the session all the same', async () => {
    const { vault, lock } = fakeVault('passphrase', false);
    await lockAfterBrowserStart(vault as never);
    expect(lock.lock).toHaveBeenCalledOnce();
    expect(vault.forget).toHaveBeenCalledOnce();
  });
});
