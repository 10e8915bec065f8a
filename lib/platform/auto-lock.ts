/**
 * Locking a passphrase-protected vault after a spell of inactivity. An alarm, not a
 * timer: the worker may be stopped long before the lock is due.
 */
import { browser } from 'wxt/browser';
import type { VaultAccess } from '../background/vault-access';
import { loadSettings } from './settings';
import { currentPolicy } from './policy';
import { effectiveSettings } from '../policy';

export const AUTO_LOCK_ALARM = 'tessera-auto-lock';

/** Alarms have whole-minute resolution: restarting the countdown more often changes nothing. */
const RESTART_AT_MOST_EVERY_MS = 15_000;
let lastRestart = 0;

/** Restarts the inactivity countdown while the vault is unlocked in passphrase mode. */
export async function keepUnlocked(vault: VaultAccess, now = Date.now()): Promise<void> {
  // A module variable is fine here: a new worker simply restarts the countdown once more.
  if (now - lastRestart < RESTART_AT_MOST_EVERY_MS) return;
  const lock = await vault.lock();
  if ((await lock.mode()) !== 'passphrase' || (await lock.isLocked())) return;
  // The organisation's minutes win over the user's choice.
  const { autoLockMinutes } = effectiveSettings(await loadSettings(), await currentPolicy());
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
  lastRestart = now;
}

/** A new auto-lock delay (the user's or the organisation's) takes effect at the next use, not up to a throttle period later. */
export function restartAutoLockOnSettingsChange(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && 'settings' in changes) || area === 'managed') lastRestart = 0;
  });
}

export async function lockNow(vault: VaultAccess): Promise<void> {
  lastRestart = 0;
  await (await vault.lock()).lock();
  vault.forget();
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}
