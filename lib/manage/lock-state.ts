/**
 * The manage page's lock section: whether a passphrase is set, whether the vault is locked,
 * and the actions that change it. The worker is asked through a slice of `Client`; the auto-lock
 * minutes come from settings (`LockDeps`).
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Client, VaultStatusReply } from '../contract';
import type { AutoLockMinutes } from '../settings';
import { messageOf } from '../error-text';
import { t } from '../i18n';

export interface LockDeps
  extends Pick<Client, 'getVaultStatus' | 'unlockVault' | 'lockVault' | 'setPassphrase' | 'changePassphrase' | 'removePassphrase'> {
  autoLockMinutes(): Promise<AutoLockMinutes>;
  setAutoLockMinutes(minutes: AutoLockMinutes): Promise<void>;
}

export type LockTask = { name: 'idle' } | { name: 'working' } | { name: 'done'; message: string } | { name: 'failed'; message: string };


export function createLockState(api: LockDeps) {
  const status = signal<VaultStatusReply | null>(null);
  const autoLock = signal<AutoLockMinutes>(15);
  const task = signal<LockTask>({ name: 'idle' });

  async function refresh(): Promise<void> {
    const [current, minutes] = await Promise.all([api.getVaultStatus(), api.autoLockMinutes()]);
    status.value = current;
    autoLock.value = minutes;
  }

  /** Runs one action, reporting progress and a specific outcome; the status is re-read after. */
  async function run(action: () => Promise<void>, success: string): Promise<boolean> {
    task.value = { name: 'working' };
    try {
      await action();
      task.value = { name: 'done', message: success };
      return true;
    } catch (error) {
      task.value = { name: 'failed', message: messageOf(error, t('lock_failed')) };
      return false;
    } finally {
      await refresh().catch(() => undefined);
    }
  }

  function mismatch(next: string, again: string): boolean {
    if (next === again) return false;
    task.value = { name: 'failed', message: t('lock_differ') };
    return true;
  }

  return {
    status: status as ReadonlySignal<VaultStatusReply | null>,
    autoLock: autoLock as ReadonlySignal<AutoLockMinutes>,
    task: task as ReadonlySignal<LockTask>,
    refresh,
    unlock: (passphrase: string) => run(() => api.unlockVault({ passphrase }), t('lock_unlocked')),
    lock: () => run(() => api.lockVault(), t('lock_locked_done')),
    setPassphrase: async (next: string, again: string) =>
      !mismatch(next, again) &&
      run(() => api.setPassphrase({ passphrase: next }), t('lock_set_done')),
    changePassphrase: async (current: string, next: string, again: string) =>
      !mismatch(next, again) && run(() => api.changePassphrase({ current, next }), t('lock_changed_done')),
    removePassphrase: (current: string) =>
      run(() => api.removePassphrase({ passphrase: current }), t('lock_removed_done')),
    setAutoLock: async (minutes: AutoLockMinutes) => {
      await api.setAutoLockMinutes(minutes);
      autoLock.value = minutes;
    },
  };
}

export type LockState = ReturnType<typeof createLockState>;
