import type { PopupState } from '@/lib/popup';
import { Icon } from './Icon';

/** The first screen of an empty vault: every way in, the usual one first, then what keeps accounts safe. */
export function EmptyState({ state }: { state: PopupState }) {
  const passphraseOn = state.vaultMode.value === 'passphrase';
  const openSection = (section: 'import' | 'lock' | 'backup') => void state.openManagePage(section).then(() => window.close());
  return (
    <div class="empty">
      <h2>No accounts yet</h2>
      <p>When a site shows you a QR code to set up two-factor authentication, scan it from here, or type the setup key the site shows under the code.</p>
      <div class="empty-actions">
        {state.capture.available && (
          <button type="button" id="empty-scan" class="primary" onClick={() => void state.capture.scan()}>
            Scan this page for a QR code
          </button>
        )}
        <button type="button" id="empty-add" class={state.capture.available ? '' : 'primary'} onClick={() => (state.view.value = { name: 'add' })}>
          <Icon name="plus" size={16} /> Enter a setup key
        </button>
        <button type="button" onClick={() => openSection('import')}>
          Import from another app…
        </button>
      </div>
      <h3>Keep them safe</h3>
      <ul class="empty-safety">
        {!passphraseOn && (
          <li>
            <button type="button" class="link-button" onClick={() => openSection('lock')}>
              Set a passphrase…
            </button>{' '}
            so that nobody else using this browser profile can see your codes.
          </li>
        )}
        <li>
          <button type="button" class="link-button" onClick={() => openSection('backup')}>
            Make an encrypted backup…
          </button>{' '}
          once you have added accounts, so that losing this browser does not lock you out.
        </li>
      </ul>
    </div>
  );
}
