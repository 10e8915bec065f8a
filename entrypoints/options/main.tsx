import { render } from 'preact';
import { saveTextFile } from '@/lib/manage/download';
import { readQrTexts } from '@/lib/manage/read-image';
import { createManageState } from '@/lib/manage/state';
import { createBrowserManageApi } from '@/lib/platform/manage';
import { App } from './App';

const state = createManageState(createBrowserManageApi({ readQrTexts, saveFile: saveTextFile }));
render(<App state={state} />, document.getElementById('app')!);
void state.start();
// Accounts added or removed in the popup meanwhile: the account picker follows.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void state.start();
});
