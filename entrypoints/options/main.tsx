import { render } from 'preact';
import { onManagedChange } from '@/lib/platform/managed-change';
import { saveTextFile } from '@/lib/manage/download';
import { readQrTexts } from '@/lib/manage/read-image';
import { createManageState } from '@/lib/manage/state';
import { createBrowserManageApi } from '@/lib/platform/manage';
import { createLockState } from '@/lib/manage/lock-state';
import { createBrowserLockApi } from '@/lib/platform/lock-api';
import { App } from './App';

const state = createManageState(createBrowserManageApi({ readQrTexts, saveFile: saveTextFile }));
const lock = createLockState(createBrowserLockApi());
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
onManagedChange(() => location.reload());
