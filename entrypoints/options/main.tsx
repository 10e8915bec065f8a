import { render } from 'preact';
import { createClient } from '@/lib/contract';
import { saveTextFile, readQrTexts, createManageState, createLockState } from '@/lib/manage';
import { loadSettings, onPolicyApplied, saveSettings, sendRuntimeMessage, writeClipboardText } from '@/lib/platform';
import { App } from './App';

const client = createClient(sendRuntimeMessage);
const state = createManageState({ ...client, readQrTexts, saveFile: saveTextFile, copyText: writeClipboardText });
const lock = createLockState({
  ...client,
  autoLockMinutes: async () => (await loadSettings()).autoLockMinutes,
  setAutoLockMinutes: async (autoLockMinutes) => void (await saveSettings({ autoLockMinutes })),
});
render(<App state={state} lock={lock} />, document.getElementById('app')!);
// While locked the page shows only the unlock form, and asks the worker for nothing else.
void lock.refresh().then(() => {
  if (lock.status.value?.state !== 'locked') void state.start();
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
