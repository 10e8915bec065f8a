/**
 * Wires the worker to the browser: the message listener with every handler, alarms, lifecycle
 * events, the policy watcher and the browser-drawn triggers. Called synchronously from the
 * background entry's `main`, so a worker woken by an event has its listener in place.
 */
import { scrubStaleCopies } from '../vault';
import { announcePolicyApplied, createSessionKeyStore, onAlarm, onBrowserStartup, onExtensionInstalled, openPopup, openWelcomePage, rememberWelcomePageShown, welcomePageShown } from '../platform';
import { createBrowserCaptureFlow, createCaptureMenu, onCaptureTriggers } from './capture';
import { CLIPBOARD_ALARM, onClipboardAlarm } from './clipboard';
import { listenForMessages } from './dispatch';
import { fillForTab, onFillTriggers, syncFillMenu } from './fill';
import { createHandlers } from './handlers';
import { keepInPageButtonInSync, syncInPageButton } from './in-page';
import { afterBrowserStart, afterInstalled } from './browser-start';
import { AUTO_LOCK_ALARM, applyAutoLockDelayChange, keepUnlocked, lockNow, restartAutoLockOnSettingsChange } from './lock';
import { currentPolicy, enforcedPolicy, startPolicySource, watchPolicy } from './policy';
import { createPopupSnapshotWriter } from './snapshot';
import { createVaultAccess } from './vault-access';

export function registerWorker(): void {
  // First: the browser answers its first storage.managed read ~3 s after it starts, so the read
  // begins with the worker; requests decide with the last policy read until then (lib/policy-source.ts).
  startPolicySource();
  const popupSnapshot = createPopupSnapshotWriter();
  const vault = createVaultAccess(createSessionKeyStore(), undefined, () => void popupSnapshot.invalidate(), {
    current: currentPolicy,
    enforced: enforcedPolicy,
  });
  const capture = createBrowserCaptureFlow(vault);
  const onLocked = () => lockNow(vault);
  // Any use from an extension page restarts the auto-lock countdown.
  // The scrub makes Chromium's LevelDB compact away superseded rows. Firefox keeps each IndexedDB
  // database in its own SQLite file, so filling a separate database cannot reach the vault's
  // file there; it would only cost 128 MiB of writes (see README, "Firefox").
  const scrub = import.meta.env.FIREFOX ? undefined : scrubStaleCopies;
  listenForMessages(createHandlers({ vault, capture, onLocked, popupSnapshot, scrubStaleCopies: scrub }), {
    onMessage: () => void keepUnlocked(vault).catch(() => undefined),
  });
  restartAutoLockOnSettingsChange(vault);
  // The optional in-page button: its content script is registered only while allowed.
  keepInPageButtonInSync();
  onBrowserStartup(() => afterBrowserStart(vault));
  onExtensionInstalled((reason) => {
    // The welcome page on a first install; otherwise (a build loaded from the command line) a browser start.
    void afterInstalled(reason, {
      welcomePageShown,
      openWelcomePage,
      rememberWelcomePageShown,
      browserStarted: () => afterBrowserStart(vault),
    }).catch(() => undefined);
    // Context menu and keyboard command: scan, then open the popup to confirm what was found.
    createCaptureMenu();
    void currentPolicy().then((policy) => syncFillMenu(!policy.disableAutofill));
  });
  // A different policy is in force (the administrator changed it, or the browser's first answer
  // after a start differs from the one stored): what it shapes outside requests follows it, and
  // open pages start over so nothing they show predates it. Not for the stored copy itself
  // (`previous` null): that is what every open page and the menus already follow.
  watchPolicy(({ policy }, previous) => {
    if (previous === null) return;
    syncFillMenu(!policy.disableAutofill);
    void syncInPageButton();
    void applyAutoLockDelayChange(vault).catch(() => undefined);
    void popupSnapshot
      .invalidate()
      .then(() => announcePolicyApplied())
      .catch(() => undefined);
  });
  // Keyboard command and context menu on an editable field: fill this site's account.
  onFillTriggers(async (tabId) => fillForTab(await vault(), tabId, openPopup));
  onCaptureTriggers(capture, openPopup);
  onAlarm((name) => {
    if (name === CLIPBOARD_ALARM) void onClipboardAlarm();
    if (name === AUTO_LOCK_ALARM) void lockNow(vault);
  });
}
