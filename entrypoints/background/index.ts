import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundHandlers } from '@/lib/background/handlers';
import { createVaultAccess } from '@/lib/background/vault-access';
import { CLIPBOARD_ALARM, onClipboardAlarm } from '@/lib/platform/clipboard';
import { listenForMessages } from '@/lib/platform/messaging';

export default defineBackground({
  type: 'module',
  // Listeners are registered synchronously so a worker woken by an event receives it.
  main() {
    listenForMessages(createBackgroundHandlers({ vault: createVaultAccess() }));
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === CLIPBOARD_ALARM) void onClipboardAlarm();
    });
  },
});
