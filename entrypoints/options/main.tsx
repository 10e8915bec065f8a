import { render } from 'preact';
import { createBrowserManageApi } from '@/lib/platform/manage';
import { createManageState } from '@/lib/manage/state';
import { App } from './App';

const state = createManageState(createBrowserManageApi());
render(<App state={state} />, document.getElementById('app')!);
void state.start();
// Accounts added or removed in the popup meanwhile: the account picker follows.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void state.start();
});
