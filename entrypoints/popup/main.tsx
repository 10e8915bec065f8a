import { render } from 'preact';
import { onManagedChange } from '@/lib/platform/managed-change';
import { createBrowserPopupApi, popOutPopup } from '@/lib/platform/popup-api';
import { createPopupState } from '@/lib/popup/state';
import { App } from './App';

/** `?tab=<id>`: this popup was popped out of the toolbar for that tab. */
function targetTabId(): number | undefined {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

const state = createPopupState(createBrowserPopupApi(targetTabId()));
const tabId = targetTabId();
const popOut = { isPoppedOut: tabId !== undefined, open: () => popOutPopup(tabId) };
render(<App state={state} popOut={popOut} />, document.getElementById('app')!);
void state.start();
addEventListener('pagehide', () => state.stop());
// The organisation changed its policy: start over, so nothing shown predates it (rare; the worker already enforces it).
onManagedChange(() => location.reload());
