/** Binds the lock section's `LockApi` to the worker and to settings. */
import type { LockApi } from '../manage/lock-state';
import { sendMessage } from './messaging';
import { loadSettings, saveSettings } from './settings';

export function createBrowserLockApi(): LockApi {
  return {
    status: () => sendMessage('getVaultStatus'),
    unlock: (passphrase) => sendMessage('unlockVault', { passphrase }),
    lock: () => sendMessage('lockVault'),
    setPassphrase: (passphrase) => sendMessage('setPassphrase', { passphrase }),
    changePassphrase: (current, next) => sendMessage('changePassphrase', { current, next }),
    removePassphrase: (passphrase) => sendMessage('removePassphrase', { passphrase }),
    autoLockMinutes: async () => (await loadSettings()).autoLockMinutes,
    setAutoLockMinutes: async (autoLockMinutes) => void (await saveSettings({ autoLockMinutes })),
  };
}
