import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundHandlers } from '@/lib/background/handlers';
import { createVaultAccess } from '@/lib/background/vault-access';
import { CLIPBOARD_ALARM, onClipboardAlarm } from '@/lib/platform/clipboard';
import { listenForMessages } from '@/lib/platform/messaging';
import { AUTO_LOCK_ALARM, keepUnlocked, lockNow, restartAutoLockOnSettingsChange } from '@/lib/platform/auto-lock';
import { createSessionKeyStore } from '@/lib/platform/session-key';
import { createPopupSnapshotWriter } from '@/lib/platform/popup-snapshot';
import { removeScrubLeftovers, scrubStaleCopies } from '@/lib/vault/scrub';
import { onFillTriggers, openPopup, syncFillMenu } from '@/lib/platform/autofill';
import { currentPolicy, watchPolicy } from '@/lib/platform/policy';
import { fillForTab } from '@/lib/background/fill';
import { keepInPageButtonInSync, syncInPageButton } from '@/lib/platform/in-page';
import { createCaptureFlow } from '@/lib/capture/capture-flow';
import { browserCaptureDeps, createCaptureMenu, onCaptureTriggers } from '@/lib/platform/capture';

export default defineBackground({
  type: 'module',
  // Listeners are registered synchronously so a worker woken by an event receives it.
  main() {
    const popupSnapshot = createPopupSnapshotWriter();
    const vault = createVaultAccess(createSessionKeyStore(), undefined, () => popupSnapshot.invalidate(), currentPolicy);
    const capture = createCaptureFlow({ ...browserCaptureDeps, vault });
    const onLocked = () => lockNow(vault);
    // Any use from an extension page restarts the auto-lock countdown.
    listenForMessages(createBackgroundHandlers({ vault, capture, onLocked, popupSnapshot, scrubStaleCopies }), {
      onMessage: () => void keepUnlocked(vault).catch(() => undefined),
    });
    restartAutoLockOnSettingsChange();
    // The optional in-page button: its content script is registered only while allowed.
    keepInPageButtonInSync();
    // The unlocked key lives in storage.session, which a browser restart empties; say so anyway.
    browser.runtime.onStartup.addListener(() => {
      void lockNow(vault);
      // Space held by an erase the worker did not finish.
      void removeScrubLeftovers().catch(() => undefined);
    });
    // Context menu and keyboard command: scan, then open the popup to confirm what was found.
    browser.runtime.onInstalled.addListener(() => {
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
    onCaptureTriggers(async (tabId) => {
      await capture.scan(tabId).catch(() => undefined);
      // Chrome may refuse without a focused window; the findings then wait for the next opening.
      await openPopup();
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === CLIPBOARD_ALARM) void onClipboardAlarm();
      if (alarm.name === AUTO_LOCK_ALARM) void lockNow(vault);
    });
  },
});
