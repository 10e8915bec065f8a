import { effect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { AccountList } from '@/components/AccountList';
import { CaptureScanButton } from '@/components/CaptureScanButton';
import { EmptyState } from '@/components/EmptyState';
import { FillOffer } from '@/components/FillOffer';
import { GroupFilter } from '@/components/GroupFilter';
import { Icon } from '@/components/Icon';
import { LiveRegion } from '@/components/LiveRegion';
import { SearchBar } from '@/components/SearchBar';
import { UndoBar } from '@/components/UndoBar';
import { UnlockView } from '@/components/UnlockView';
import { VaultError } from '@/components/VaultError';
import type { LockState } from '@/lib/manage';
import { focusArrivedSince, focusList, focusOrigin, focusScreen, originOf, type FocusOrigin, type PopupState, type View } from '@/lib/popup';
import { lazyView } from '@/components/LazyView';
import { t } from '@/lib/i18n';

// Views the first screen does not draw: loaded on first use, or after the first codes show.
const AddAccountForm = lazyView(() => import('@/components/AddAccountForm').then((m) => m.AddAccountForm));
const CaptureReview = lazyView(() => import('@/components/CaptureReview').then((m) => m.CaptureReview));
const EditAccount = lazyView(() => import('@/components/EditAccount').then((m) => m.EditAccount));
const EnrollmentStep = lazyView(() => import('@/components/EnrollmentStep').then((m) => m.EnrollmentStep));
const SettingsView = lazyView(() => import('@/components/SettingsView').then((m) => m.SettingsView));
// Only while the organisation requires a passphrase not set yet: rare, so not preloaded either.
const PassphraseRequired = lazyView(() => import('@/components/PassphraseRequired').then((m) => m.PassphraseRequired));

/** Fetches the other views once the popup is idle, so the first click on one draws it at once. */
export function preloadViews(): void {
  for (const view of [AddAccountForm, CaptureReview, EditAccount, EnrollmentStep, SettingsView]) void view.preload().catch(() => undefined);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** `/` or any printable key sends focus to the search field, keyboard first. */
function useTypeToSearch(state: PopupState) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Escape leaves any sub-view (a confirmation inside it handles its own Escape first).
      if (event.key === 'Escape' && state.view.value.name !== 'list' && !event.defaultPrevented) {
        event.preventDefault();
        state.back();
        return;
      }
      if (state.view.value.name !== 'list' || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const search = document.querySelector<HTMLInputElement>('#search');
      if (!search) return;
      if (event.key === '/') {
        event.preventDefault();
        search.focus();
      } else if (event.key.length === 1 && /\S/u.test(event.key)) {
        event.preventDefault();
        state.query.value += event.key;
        search.focus();
      } else if (event.key === 'Escape' && state.query.value) {
        event.preventDefault();
        state.query.value = '';
        search.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [state]);
}

function viewKey(view: View): string {
  return 'id' in view ? `${view.name}:${view.id}` : view.name;
}

/**
 * Moves focus with the screen: into each sub-view as it opens (its first field or heading), back
 * to the row or button that opened it on the way back, to Undo after a delete, and to the list
 * after an unlock. Without this, focus falls to the document and a keyboard or screen-reader user
 * starts again from the top, hearing nothing about the new screen.
 */
function useViewFocus(state: PopupState) {
  useEffect(() => {
    let origin: FocusOrigin = null;
    let previous = viewKey(state.view.peek());
    let wasLocked = state.phase.peek().name === 'locked';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const main = () => document.querySelector('main') ?? document.body;
    // After Preact has drawn the new screen (it renders on a microtask after the signal changes),
    // unless the person got there first: on a busy machine the timer can fire after they have
    // already moved on to the second field, and moving them back would split their typing.
    const soon = (move: () => void) => {
      clearTimeout(timer);
      const before = document.activeElement;
      timer = setTimeout(() => {
        if (!focusArrivedSince(main(), before)) move();
      }, 0);
    };
    const stopView = effect(() => {
      const view = state.view.value;
      const key = viewKey(view);
      if (key === previous) return;
      const cameFrom = previous;
      previous = key;
      // Runs as the signal changes, before the list unmounts: the focused row is still there.
      if (cameFrom === 'list') origin = originOf(document.activeElement);
      soon(() => {
        if (view.name !== 'list') {
          focusScreen(main());
          return;
        }
        const undo = state.pendingUndo.peek() && cameFrom.startsWith('edit:') ? document.getElementById('undo-delete') : null;
        if (undo) undo.focus();
        else if (!focusOrigin(document, origin)) focusList(main());
        origin = null;
      });
    });
    // The capture review replaces "Looking for a QR code…" when the scan ends.
    const stopScan = effect(() => {
      if (!state.capture.scanning.value && state.view.peek().name === 'capture') soon(() => focusScreen(main()));
    });
    const stopPhase = effect(() => {
      const phase = state.phase.value.name;
      if (phase === 'locked') wasLocked = true;
      else if (phase === 'ready' && wasLocked) {
        wasLocked = false;
        soon(() => focusList(main()));
      }
    });
    return () => {
      stopView();
      stopScan();
      stopPhase();
      clearTimeout(timer);
    };
  }, [state]);
}

export interface PopOut {
  isPoppedOut: boolean;
  open(): Promise<void>;
}

function Header({ state, popOut }: { state: PopupState; popOut: PopOut }) {
  const view = state.view.value;
  return (
    <header class="top">
      {view.name === 'list' ? (
        <h1 class="brand">
          <img src="/icon/32.png" width={20} height={20} alt="" /> {t('popup_title')}
        </h1>
      ) : (
        <>
          {/* Every screen has its page title; the sub-view's own heading follows as h2. */}
          <h1 class="visually-hidden">{t('popup_title')}</h1>
          <button type="button" class="icon-button back" title={t('popup_back_hint')} onClick={() => state.back()}>
            <Icon name="back" /> <span>{t('popup_back')}</span>
          </button>
        </>
      )}
      {view.name === 'list' && state.phase.value.name === 'ready' && (
        <nav class="top-actions" aria-label={t('popup_toolbar_label')}>
          <CaptureScanButton state={state} />
          <button type="button" id="open-add" class="icon-button" aria-label={t('popup_add_account')} title={t('popup_add_account')} onClick={() => (state.view.value = { name: 'add' })}>
            <Icon name="plus" />
          </button>
          <button type="button" id="open-settings" class="icon-button" aria-label={t('popup_settings')} title={t('popup_settings')} onClick={() => (state.view.value = { name: 'settings' })}>
            <Icon name="gear" />
          </button>
          {state.vaultMode.value === 'passphrase' && (
            <button type="button" class="icon-button" aria-label={t('popup_lock_now')} title={t('popup_lock_now')} onClick={() => void state.lock()}>
              <Icon name="lock" />
            </button>
          )}
          {!popOut.isPoppedOut && (
            <button type="button" class="icon-button" aria-label={t('popup_open_in_window')} title={t('popup_open_in_window')} onClick={() => void popOut.open()}>
              <Icon name="popout" />
            </button>
          )}
        </nav>
      )}
    </header>
  );
}

function Body({ state, lock }: { state: PopupState; lock: LockState }) {
  const phase = state.phase.value;
  if (phase.name === 'failed' && phase.error.code === 'passphrase-required') {
    return (
      <div class="panel form">
        <PassphraseRequired policy={state.policy.value} lock={lock} onDone={() => location.reload()} />
      </div>
    );
  }
  if (phase.name === 'failed') return <VaultError error={phase.error} />;
  if (phase.name === 'locked') return <UnlockView state={state} />;
  if (phase.name === 'loading') return <p class="loading" aria-busy="true">{t('popup_loading')}</p>;
  const view = state.view.value;
  switch (view.name) {
    case 'add':
      return <AddAccountForm state={state} />;
    case 'capture':
      return <CaptureReview state={state} />;
    case 'settings':
      return <SettingsView state={state} />;
    case 'enrollment':
      return <EnrollmentStep state={state} id={view.id} />;
    case 'edit': {
      const account = state.findAccount(view.id);
      return account ? <EditAccount key={account.id} state={state} account={account} /> : <AccountList state={state} />;
    }
    case 'list':
      if (!state.hasAccounts.value) return <EmptyState state={state} />;
      return (
        <>
          <FillOffer state={state} />
          <SearchBar state={state} />
          <GroupFilter state={state} />
          <AccountList state={state} />
        </>
      );
  }
}

export function App({ state, lock, popOut }: { state: PopupState; lock: LockState; popOut: PopOut }) {
  useTypeToSearch(state);
  useViewFocus(state);
  return (
    <div class="app">
      <Header state={state} popOut={popOut} />
      <main class="content">
        <Body state={state} lock={lock} />
      </main>
      <UndoBar state={state} />
      <LiveRegion state={state} />
    </div>
  );
}
