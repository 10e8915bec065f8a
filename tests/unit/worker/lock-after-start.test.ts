import { beforeEach, describe, expect, it, vi } from 'vitest';

const clearAlarm = vi.fn(async () => undefined);
vi.mock('@/lib/platform', async (original) => ({ ...(await original<object>()), clearAlarm }));

const { lockAfterBrowserStart } = await import('@/lib/worker/lock');
type VaultAccess = Parameters<typeof lockAfterBrowserStart>[0];

function fakeVault(mode: 'device' | 'passphrase', locked: boolean) {
  const lock = { mode: vi.fn(async () => mode), isLocked: vi.fn(async () => locked), lock: vi.fn(async () => undefined) };
  const access = Object.assign(async () => ({}), { lock: async () => lock, forget: vi.fn() }) as unknown as VaultAccess & { forget: ReturnType<typeof vi.fn> };
  return { access, lock };
}

describe('lockAfterBrowserStart', () => {
  beforeEach(() => clearAlarm.mockClear());

  it('keeps the vault this worker opened when the browser already locked it (device mode, or no key in the session)', async () => {
    for (const [mode, locked] of [['device', false], ['passphrase', true]] as const) {
      const { access, lock } = fakeVault(mode, locked);
      await lockAfterBrowserStart(access);
      expect(lock.lock).not.toHaveBeenCalled();
      expect(access.forget).not.toHaveBeenCalled();
    }
    // The auto-lock alarm may outlive the session: cleared every time.
    expect(clearAlarm).toHaveBeenCalledTimes(2);
  });

  it('locks away a key found in the session all the same', async () => {
    const { access, lock } = fakeVault('passphrase', false);
    await lockAfterBrowserStart(access);
    expect(lock.lock).toHaveBeenCalledOnce();
    expect(access.forget).toHaveBeenCalledOnce();
  });
});
