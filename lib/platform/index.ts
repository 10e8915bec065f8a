/**
 * The public face of `lib/platform/`: thin adapters, one function per browser call, no policy and
 * no orchestration. The only code in lib/ that touches `browser` (the worker and the page entries
 * compose these; components never import them).
 */
export { alarmDueAt, clearAlarm, onAlarm, setAlarm } from './alarms';
export { CLIENT_PART_AGENT_FILE, completeFill, injectFillAgent } from './autofill';
export { injectCaptureScript, screenshot } from './capture';
export {
  canClearClipboard,
  clipboardClearsInBackground,
  closeOffscreenDocument,
  requestClipboardReadPermission,
  restartOffscreenDocument,
  writeClipboardText,
} from './clipboard';
export { isContentScriptRegistered, onPermissionsChanged, registerContentScript, unregisterContentScript } from './content-scripts';
export { faviconUrl } from './favicon';
export {
  hasInPageButtonPermission,
  IN_PAGE_ORIGINS,
  removeInPageButtonPermission,
  requestInPageButtonPermission,
} from './in-page-permission';
export { announcePolicyApplied, onManagedChange, onPolicyApplied } from './managed-change';
export { createMenuItem, onCommand, onMenuClicked, removeMenuItem } from './menus';
export { readManagedStorage } from './policy';
export { popupReads, popupTargetTabId, startPopupReads } from './popup-reads';
export {
  extensionBaseUrl,
  extensionId,
  onBrowserStartup,
  onExtensionInstalled,
  onRuntimeMessage,
  openManagePage,
  openWelcomePage,
  openPopup,
  openPopupWindow,
  rememberWelcomePageShown,
  sendRuntimeMessage,
  welcomePageShown,
  type InstalledReason,
  type RuntimeSender,
} from './runtime';
export { createSessionKeyStore } from './session-key';
export { onStorageChanged, readSession, removeSession, writeSession } from './session-storage';
export { loadSettings, saveSettings, watchSettings } from './settings';
export { activeTabId, isActiveTab, tabFacts, tabUrl } from './tabs';
export { browserMessages } from './i18n';
