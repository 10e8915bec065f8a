/**
 * The lock: status, unlocking, locking, the passphrase's life cycle, and locking a
 * passphrase-protected vault after a spell of inactivity. An alarm, not a timer: the worker may
 * be stopped long before the lock is due.
 */
import {
  assertPassphraseRemovable,
  checkPassphrase,
  effectiveSettings,
  isPolicyActive,
  passphraseRequired,
} from '../policy';
import { alarmDueAt, clearAlarm, loadSettings, onStorageChanged, setAlarm } from '../platform';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { forgetPendingCapture } from './capture';
import { currentParsedPolicy, currentPolicy, enforcedParsedPolicy } from './policy';
import type { VaultAccess } from './vault-access';

export const AUTO_LOCK_ALARM = 'tessera-auto-lock';

/** Deleted accounts stay restorable a little longer than the popup offers undo. */
export const TRASH_KEPT_MS = 60_000;

type LockHandlers = Pick<Handlers, 'getVaultStatus' | 'unlockVault' | 'lockVault' | 'setPassphrase' | 'changePassphrase' | 'removePassphrase'>;

export function lockHandlers({ vault, onLocked, scrubStaleCopies, policy: policies = { current: currentParsedPolicy, enforced: enforcedParsedPolicy } }: WorkerDeps): LockHandlers {
  const policy = async () => (await policies.enforced()).policy;
  return {
    getVaultStatus: async () => {
      const lock = await vault.lock();
      // The last policy known: a page opened right after the browser started does not wait ~3 s for
      // the browser's first answer; if that answer differs, the worker tells open pages to start over.
      const [mode, { policy: managed, issues }] = await Promise.all([lock.mode(), policies.current()]);
      const policyFacts = isPolicyActive(managed) || issues.length > 0 ? { policy: managed, policyIssues: issues } : {};
      if (await lock.isLocked()) return { state: 'locked', mode, ...policyFacts };
      // Pages show the set-passphrase screen; `state` is not read (the vault refuses until then).
      if (passphraseRequired(managed, mode)) return { state: 'ready', mode, ...policyFacts };
      const opened = await vault();
      const status = await opened.status();
      // Housekeeping, not on the popup's critical path.
      void opened.purgeTrash(TRASH_KEPT_MS).catch(() => undefined);
      return { ...status, mode, ...policyFacts };
    },
    unlockVault: async ({ passphrase }) => (await vault.lock()).unlock(passphrase),
    lockVault: async () => {
      await (await vault.lock()).lock();
      vault.forget();
      await onLocked?.();
    },
    setPassphrase: async ({ passphrase }) => {
      checkPassphrase(passphrase, await policy());
      // Only accounts sealed under the device key leave copies worth erasing.
      // (Unreadable here, e.g. behind a required-passphrase policy: erase anyway.)
      const hadAccounts = await vault()
        .then((opened) => opened.status())
        .then((status) => status.state === 'ready', () => true);
      await (await vault.lock()).setPassphrase(passphrase);
      vault.forget();
      if (hadAccounts) await scrubStaleCopies?.();
    },
    changePassphrase: async ({ current, next }) => {
      checkPassphrase(next, await policy());
      await (await vault.lock()).changePassphrase(current, next);
      // The data key sealed under the old passphrase must not outlive the change on disk.
      await scrubStaleCopies?.();
    },
    removePassphrase: async ({ passphrase }) => {
      assertPassphraseRemovable(await policy());
      await (await vault.lock()).removePassphrase(passphrase);
      vault.forget();
    },
  };
}

/** Alarms have whole-minute resolution: restarting the countdown more often changes nothing. */
const RESTART_AT_MOST_EVERY_MS = 15_000;
let lastRestart = 0;

/** Restarts the inactivity countdown while the vault is unlocked in passphrase mode. */
export async function keepUnlocked(vault: VaultAccess, now = Date.now()): Promise<void> {
  // A module variable is fine here: a new worker simply restarts the countdown once more.
  if (now - lastRestart < RESTART_AT_MOST_EVERY_MS) return;
  const autoLockMinutes = await autoLockMinutesIfArmed(vault);
  if (autoLockMinutes === null) return;
  await setAlarm(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
  lastRestart = now;
}

/**
 * The auto-lock delay in force, or null when nothing should be armed: only a passphrase vault
 * that is unlocked locks by itself. The organisation's minutes win over the user's choice.
 */
async function autoLockMinutesIfArmed(vault: VaultAccess): Promise<number | null> {
  const lock = await vault.lock();
  if ((await lock.mode()) !== 'passphrase' || (await lock.isLocked())) return null;
  return effectiveSettings(await loadSettings(), await currentPolicy()).autoLockMinutes;
}

/**
 * A new auto-lock delay (the user's or the organisation's) applies at once, not at the next use:
 * the alarm is re-armed to whichever comes first, the lock already due or the new delay counted
 * from now. "First" because a change must never postpone a lock that is due: an administrator's
 * shorter delay arriving 14 minutes into a 15-minute countdown locks within the minute, not 10
 * minutes later. A longer delay applies from the next use (the throttle is reset for it).
 * Before, the change only reset the throttle: when the popup's last messages reached the worker
 * before the storage event did, the old delay stayed armed until Tessera was used again.
 */
export async function applyAutoLockDelayChange(vault: VaultAccess, now = Date.now()): Promise<void> {
  lastRestart = 0;
  const autoLockMinutes = await autoLockMinutesIfArmed(vault);
  if (autoLockMinutes === null) return;
  const dueWithNewDelay = now + autoLockMinutes * 60_000;
  const due = await alarmDueAt(AUTO_LOCK_ALARM);
  await setAlarm(AUTO_LOCK_ALARM, { when: due === undefined ? dueWithNewDelay : Math.min(due, dueWithNewDelay) });
}

/** The user's settings changing: see applyAutoLockDelayChange (a policy change is applied by the policy watcher). */
export function restartAutoLockOnSettingsChange(vault: VaultAccess): void {
  onStorageChanged((keys, area) => {
    if (area === 'local' && keys.includes('settings')) void applyAutoLockDelayChange(vault).catch(() => undefined);
  });
}

/**
 * After a browser start the browser has already emptied storage.session, so a passphrase vault is
 * locked: only the auto-lock alarm, which may outlive the session, is cleared, and a key found
 * anyway is locked away. What this worker opened is kept: the first popup of the session is
 * usually reading it by now, and dropping it made every one of its requests open the vault again.
 */
export async function lockAfterBrowserStart(vault: VaultAccess): Promise<void> {
  await clearAlarm(AUTO_LOCK_ALARM);
  const lock = await vault.lock();
  if ((await lock.mode()) === 'passphrase' && !(await lock.isLocked())) await lockNow(vault);
}

export async function lockNow(vault: VaultAccess): Promise<void> {
  lastRestart = 0;
  await (await vault.lock()).lock();
  vault.forget();
  // Findings waiting for review hold secrets; a locked Tessera keeps none in session memory.
  await forgetPendingCapture();
  await clearAlarm(AUTO_LOCK_ALARM);
}
