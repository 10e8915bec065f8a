import { useEffect } from 'preact/hooks';
import { AccountList } from '@/components/AccountList';
import { CaptureScanButton } from '@/components/CaptureScanButton';
import { EmptyState } from '@/components/EmptyState';
import { FillOffer } from '@/components/FillOffer';
import { Icon } from '@/components/Icon';
import { LiveRegion } from '@/components/LiveRegion';
import { SearchBar } from '@/components/SearchBar';
import { UndoBar } from '@/components/UndoBar';
import { UnlockView } from '@/components/UnlockView';
import { VaultError } from '@/components/VaultError';
import { PassphraseRequired } from '@/components/PassphraseRequired';
import type { LockState } from '@/lib/manage';
import type { PopupState } from '@/lib/popup';
import { lazyView } from '@/components/LazyView';

// Views the first screen does not draw: loaded on first use, or after the first codes show.
const AddAccountForm = lazyView(() => import('@/components/AddAccountForm').then((m) => m.AddAccountForm));
const CaptureReview = lazyView(() => import('@/components/CaptureReview').then((m) => m.CaptureReview));
const EditAccount = lazyView(() => import('@/components/EditAccount').then((m) => m.EditAccount));
const EnrollmentStep = lazyView(() => import('@/components/EnrollmentStep').then((m) => m.EnrollmentStep));
const SettingsView = lazyView(() => import('@/components/SettingsView').then((m) => m.SettingsView));

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
          <img src="/icon/32.png" width={20} height={20} alt="" /> Tessera
        </h1>
      ) : (
        <button type="button" class="icon-button back" aria-label="Back to accounts" onClick={() => (state.view.value = { name: 'list' })}>
          <Icon name="back" /> <span>Accounts</span>
        </button>
      )}
      {view.name === 'list' && state.phase.value.name === 'ready' && (
        <nav class="top-actions" aria-label="Tessera">
          <CaptureScanButton state={state} />
          <button type="button" class="icon-button" aria-label="Add an account" title="Add an account" onClick={() => (state.view.value = { name: 'add' })}>
            <Icon name="plus" />
          </button>
          <button type="button" class="icon-button" aria-label="Settings" title="Settings" onClick={() => (state.view.value = { name: 'settings' })}>
            <Icon name="gear" />
          </button>
          {state.vaultMode.value === 'passphrase' && (
            <button type="button" class="icon-button" aria-label="Lock now" title="Lock now" onClick={() => void state.lock()}>
              <Icon name="lock" />
            </button>
          )}
          {!popOut.isPoppedOut && (
            <button type="button" class="icon-button" aria-label="Open in a window" title="Open in a window" onClick={() => void popOut.open()}>
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
  if (phase.name === 'loading') return <p class="loading" aria-busy="true">Opening your accounts…</p>;
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
          <AccountList state={state} />
        </>
      );
  }
}

export function App({ state, lock, popOut }: { state: PopupState; lock: LockState; popOut: PopOut }) {
  useTypeToSearch(state);
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
