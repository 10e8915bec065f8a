import { render } from 'preact';
import { actingForTab, createClient, withEarlyReplies } from '@/lib/contract';
import { createLockState } from '@/lib/manage';
import { parsePopupSnapshot, POPUP_SNAPSHOT_KEY, siteKeyOf, createPopupState } from '@/lib/popup';
import {
  activeTabId,
  browserMessages,
  faviconUrl,
  loadSettings,
  onPolicyApplied,
  openManagePage,
  openPopupWindow,
  popupReads,
  popupTargetTabId,
  removeInPageButtonPermission,
  requestClipboardReadPermission,
  requestInPageButtonPermission,
  saveSettings,
  sendRuntimeMessage,
  writeClipboardText,
} from '@/lib/platform';
import { applyDocumentLocale, prepareFormatting, setMessageSource, t } from '@/lib/i18n';
import { App, preloadViews } from './App';

// Before anything is drawn: every string comes from the browser's catalogue for its UI language.
setMessageSource(browserMessages);
applyDocumentLocale(document);
document.title = t('popup_title');

const tabId = popupTargetTabId();
// The first answers were started by popup-reads.js before this module ran.
const reads = popupReads(POPUP_SNAPSHOT_KEY);
const client = actingForTab(createClient(withEarlyReplies(sendRuntimeMessage, reads.earlyRequests)), tabId);
const state = createPopupState({
  ...client,
  capture: client,
  enrollment: client,
  writeClipboard: writeClipboardText,
  loadSettings: reads.settings,
  saveSettings,
  loadSnapshot: async () => {
    const [stored, url] = await Promise.all([reads.session(), reads.pageUrl()]);
    return { snapshot: parsePopupSnapshot(stored), siteKey: siteKeyOf(url) };
  },
  requestClipboardRead: requestClipboardReadPermission,
  requestInPageButtonPermission,
  removeInPageButtonPermission,
  openManagePage,
  faviconUrl,
  prepareDrawing: prepareFormatting,
});
/** Only the organisation's required-passphrase screen uses it; cheap to build (signals only). */
const lock = createLockState({
  ...client,
  autoLockMinutes: async () => (await loadSettings()).autoLockMinutes,
  setAutoLockMinutes: async (autoLockMinutes) => void (await saveSettings({ autoLockMinutes })),
});
const popOut = {
  isPoppedOut: tabId !== undefined,
  /** Opens the popup in its own window, still acting for the tab it was opened on. */
  open: async () => {
    await openPopupWindow(tabId ?? (await activeTabId()) ?? undefined);
    if (tabId === undefined) window.close();
  },
};
render(<App state={state} lock={lock} popOut={popOut} />, document.getElementById('app')!);
const started = state.start();
void started.then(() => {
  // After the first screen is drawn (start resolves once the codes are in): the other views.
  const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 50));
  idle(() => preloadViews());
});
addEventListener('pagehide', () => state.stop());
// The organisation changed its policy: start over, so nothing shown predates it (rare; the worker already enforces it).
onPolicyApplied(() => location.reload());
