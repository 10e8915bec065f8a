/**
 * Wires the worker to the browser: the message listener with every handler, alarms, lifecycle
 * events, the policy watcher and the browser-drawn triggers. Called synchronously from the
 * background entry's `main`, so a worker woken by an event has its listener in place.
 */
import { createCaptureFlow } from '../capture';
import { removeScrubLeftovers, scrubStaleCopies } from '../vault';
import { createSessionKeyStore, onAlarm, onBrowserStartup, onExtensionInstalled, openPopup, openWelcomePage } from '../platform';
import { browserCaptureDeps, createCaptureMenu, onCaptureTriggers } from './capture';
import { CLIPBOARD_ALARM, onClipboardAlarm } from './clipboard';
import { listenForMessages } from './dispatch';
import { fillForTab, onFillTriggers, syncFillMenu } from './fill';
import { createHandlers } from './handlers';
import { keepInPageButtonInSync, syncInPageButton } from './in-page';
import { AUTO_LOCK_ALARM, keepUnlocked, lockNow, restartAutoLockOnSettingsChange } from './lock';
import { currentPolicy, watchPolicy } from './policy';
import { createPopupSnapshotWriter } from './snapshot';
import { createVaultAccess } from './vault-access';

export function registerWorker(): void {
  const popupSnapshot = createPopupSnapshotWriter();
  const vault = createVaultAccess(createSessionKeyStore(), undefined, () => popupSnapshot.invalidate(), currentPolicy);
  const capture = createCaptureFlow({ ...browserCaptureDeps, vault });
  const onLocked = () => lockNow(vault);
  // Any use from an extension page restarts the auto-lock countdown.
  listenForMessages(createHandlers({ vault, capture, onLocked, popupSnapshot, scrubStaleCopies }), {
    onMessage: () => void keepUnlocked(vault).catch(() => undefined),
  });
  restartAutoLockOnSettingsChange();
  // The optional in-page button: its content script is registered only while allowed.
  keepInPageButtonInSync();
  // The unlocked key lives in storage.session, which a browser restart empties; say so anyway.
  onBrowserStartup(() => {
    void lockNow(vault);
    // Space held by an erase the worker did not finish.
    void removeScrubLeftovers().catch(() => undefined);
  });
  // Context menu and keyboard command: scan, then open the popup to confirm what was found.
  onExtensionInstalled(({ firstInstall }) => {
    // First install only: how to start (not on updates).
    if (firstInstall) void openWelcomePage().catch(() => undefined);
    createCaptureMenu();
    void currentPolicy().then((policy) => syncFillMenu(!policy.disableAutofill));
  });
  // The organisation's policy is read per request; what it shapes outside requests follows it here.
  watchPolicy(({ policy }) => {
    syncFillMenu(!policy.disableAutofill);
    void syncInPageButton();
    popupSnapshot.invalidate();
  });
  // Keyboard command and context menu on an editable field: fill this site's account.
  onFillTriggers(async (tabId) => fillForTab(await vault(), tabId, openPopup));
  onCaptureTriggers(capture, openPopup);
  onAlarm((name) => {
    if (name === CLIPBOARD_ALARM) void onClipboardAlarm();
    if (name === AUTO_LOCK_ALARM) void lockNow(vault);
  });
}
