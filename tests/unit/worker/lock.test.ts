import { beforeEach, describe, expect, it, vi } from 'vitest';

// The browser as lockNow sees it: session storage holding a pending capture, and the alarms.
const browserState = vi.hoisted(() => ({
  session: new Map<string, unknown>(),
  alarmsCleared: [] as string[],
  // Alarms set, by name: when each is due (ms since the epoch).
  alarms: new Map<string, number>(),
  settings: undefined as unknown,
  policy: {} as Record<string, unknown>,
}));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      session: {
        get: async (key: string) => (browserState.session.has(key) ? { [key]: browserState.session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => browserState.session.set(k, v)),
        remove: async (key: string) => void browserState.session.delete(key),
      },
      local: { get: async () => (browserState.settings === undefined ? {} : { settings: browserState.settings }) },
      onChanged: { addListener: () => undefined },
      managed: { get: async () => ({}) },
    },
    alarms: {
      clear: async (name: string) => void browserState.alarmsCleared.push(name),
      get: async (name: string) => (browserState.alarms.has(name) ? { name, scheduledTime: browserState.alarms.get(name) } : undefined),
      create: async (name: string, info: { when?: number; delayInMinutes?: number }) => {
        if (info.when === undefined) throw new Error('the test expects an absolute time');
        browserState.alarms.set(name, info.when);
      },
    },
  },
}));
// The policy in force, as the worker's policy source answers (its own IndexedDB copy is not under test here).
vi.mock('@/lib/worker/policy', () => ({
  currentPolicy: async () => browserState.policy,
  currentParsedPolicy: async () => ({ policy: browserState.policy, issues: [] }),
  enforcedParsedPolicy: async () => ({ policy: browserState.policy, issues: [] }),
}));

const { applyAutoLockDelayChange, lockAfterBrowserStart, lockNow, AUTO_LOCK_ALARM } = await import('@/lib/worker/lock');

// The worker's own key for findings waiting for review (lib/worker/capture.ts).
const PENDING_KEY = 'capture:pending';

beforeEach(() => {
  browserState.session.clear();
  browserState.alarmsCleared = [];
  browserState.alarms.clear();
  browserState.settings = undefined;
  browserState.policy = {};
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

describe('applyAutoLockDelayChange', () => {
  const MINUTE = 60_000;
  const NOW = 1_800_000_000_000;
  function vaultIn(mode: 'device' | 'passphrase', locked: boolean) {
    const lock = { mode: async () => mode, isLocked: async () => locked };
    return Object.assign(async () => ({}), { lock: async () => lock, forget: vi.fn() });
  }

  it('brings a countdown armed with the old delay forward to the new, shorter one (the change arrived after the last use)', async () => {
    browserState.alarms.set(AUTO_LOCK_ALARM, NOW + 15 * MINUTE);
    browserState.settings = { autoLockMinutes: 1 };
    await applyAutoLockDelayChange(vaultIn('passphrase', false) as never, NOW);
    expect(browserState.alarms.get(AUTO_LOCK_ALARM)).toBe(NOW + MINUTE);
  });

  it("never postpones a lock that is due sooner: an administrator's new delay late in a countdown", async () => {
    browserState.alarms.set(AUTO_LOCK_ALARM, NOW + 1 * MINUTE);
    browserState.policy = { autoLockMinutes: 10 };
    await applyAutoLockDelayChange(vaultIn('passphrase', false) as never, NOW);
    expect(browserState.alarms.get(AUTO_LOCK_ALARM)).toBe(NOW + MINUTE);
  });

  it("applies the organisation's minutes over the user's", async () => {
    browserState.alarms.set(AUTO_LOCK_ALARM, NOW + 15 * MINUTE);
    browserState.settings = { autoLockMinutes: 60 };
    browserState.policy = { autoLockMinutes: 5 };
    await applyAutoLockDelayChange(vaultIn('passphrase', false) as never, NOW);
    expect(browserState.alarms.get(AUTO_LOCK_ALARM)).toBe(NOW + 5 * MINUTE);
  });

  it('arms the countdown when none is set', async () => {
    browserState.settings = { autoLockMinutes: 5 };
    await applyAutoLockDelayChange(vaultIn('passphrase', false) as never, NOW);
    expect(browserState.alarms.get(AUTO_LOCK_ALARM)).toBe(NOW + 5 * MINUTE);
  });

  it('sets nothing for a vault that is locked or has no passphrase', async () => {
    browserState.settings = { autoLockMinutes: 1 };
    await applyAutoLockDelayChange(vaultIn('passphrase', true) as never, NOW);
    await applyAutoLockDelayChange(vaultIn('device', false) as never, NOW);
    expect(browserState.alarms.size).toBe(0);
  });
});
