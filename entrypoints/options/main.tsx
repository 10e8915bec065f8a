import { render } from 'preact';
import { createClient } from '@/lib/contract';
import { saveTextFile, readQrTexts, createManageState, createLockState, createImportWorker, openEncryptedInWorker } from '@/lib/manage';
import { browserMessages, loadSettings, onPolicyApplied, saveSettings, sendRuntimeMessage, writeClipboardText } from '@/lib/platform';
import { applyDocumentLocale, setMessageSource, t } from '@/lib/i18n';
import { App } from './App';

setMessageSource(browserMessages);
applyDocumentLocale(document);
document.title = t('page_title_manage');

const client = createClient(sendRuntimeMessage);
const state = createManageState({
  ...client,
  readQrTexts,
  saveFile: saveTextFile,
  copyText: writeClipboardText,
  openEncrypted: openEncryptedInWorker(createImportWorker),
});
const lock = createLockState({
  ...client,
  autoLockMinutes: async () => (await loadSettings()).autoLockMinutes,
  setAutoLockMinutes: async (autoLockMinutes) => void (await saveSettings({ autoLockMinutes })),
});

function focusSection(id: string): void {
  const heading = id ? document.getElementById(`${id}-title`) : null;
  if (!heading) return;
  heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}
render(<App state={state} lock={lock} />, document.getElementById('app')!);
// While locked the page shows only the unlock form, and asks the worker for nothing else.
void lock.refresh().then(() => {
  if (lock.status.value?.state !== 'locked') void state.start();
  // Opened at a section (popup Settings → Security): the page was empty when the browser looked
  // for the fragment, so go there now, with focus on its heading for keyboard and screen readers.
  setTimeout(() => focusSection(location.hash.slice(1)), 0);
});
// Accounts added or removed in the popup meanwhile: the account picker follows.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  void lock.refresh().then(() => {
    if (lock.status.value?.state !== 'locked') void state.start();
  });
});
// The organisation changed its policy: start over, so nothing shown predates it (rare; the worker already enforces it).
onPolicyApplied(() => location.reload());
