import { render } from 'preact';
import { createBrowserPopupApi } from '@/lib/platform/popup-api';
import { createPopupState } from '@/lib/popup/state';
import { App } from './App';

const state = createPopupState(createBrowserPopupApi());
render(<App state={state} />, document.getElementById('app')!);
void state.start();
addEventListener('pagehide', () => state.stop());
