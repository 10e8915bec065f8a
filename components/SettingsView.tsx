import { useSignal } from '@preact/signals';
import type { ManageSectionId, PopupState } from '@/lib/popup';
import { CLIPBOARD_CLEAR_CHOICES, type ClipboardClearSeconds } from '@/lib/settings';
import { FieldError } from './FieldError';
import { PolicySummary } from './PolicySummary';
import { policyDisablesInPageButton } from '@/lib/policy';

export function SettingsView({ state }: { state: PopupState }) {
  const error = useSignal<string | null>(null);
  const awaitingPermission = useSignal(false);
  const settings = state.settings.value;
  const inPageManagedOff = policyDisablesInPageButton(state.policy.value);
  const passphraseOn = state.vaultMode.value === 'passphrase';
  const openSection = (section: ManageSectionId) => void state.openManagePage(section).then(() => window.close());

  async function changeClipboardClear(seconds: ClipboardClearSeconds) {
    error.value = null;
    // Checking that the clipboard still holds our code before clearing needs
    // clipboardRead; it is asked for now, when the user turns the feature on.
    if (seconds > 0 && !(await state.requestClipboardRead())) {
      error.value = 'Tessera needs permission to read the clipboard, so that it only ever clears its own code.';
      await state.changeSettings({ clipboardClearSeconds: 0 });
      return;
    }
    await state.changeSettings({ clipboardClearSeconds: seconds });
  }

  async function changeInPageButton(input: HTMLInputElement) {
    const on = input.checked;
    error.value = null;
    if (!on) {
      await state.changeSettings({ inPageButton: false });
      // Giving the permission back: without the button Tessera holds no host access.
      await state.removeInPageButtonPermission();
      return;
    }
    // Asked now, from this click: the browser shows its prompt only for a user gesture.
    const request = state.requestInPageButtonPermission();
    // This re-render also unticks the box until the browser says yes (it shows what is true).
    awaitingPermission.value = true;
    const granted = await request;
    awaitingPermission.value = false;
    if (!granted) {
      error.value = 'The browser did not give Tessera access to sites, so the fill button stays off.';
      await state.changeSettings({ inPageButton: false });
      return;
    }
    await state.changeSettings({ inPageButton: true });
  }

  return (
    <div class="panel form" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <PolicySummary policy={state.policy.value} />
      <section class="settings-group first" aria-labelledby="security-title">
        <h3 id="security-title">Security</h3>
        <p class="hint" id="security-state">
          {passphraseOn
            ? `Protected by your passphrase. Tessera locks after ${settings.autoLockMinutes} minutes without use and when the browser quits.`
            : 'No passphrase yet: anyone who can use this browser profile can see your codes.'}
        </p>
        <div class="settings-links">
          <button type="button" class="link-button" id="open-security" onClick={() => openSection('lock')}>
            {passphraseOn ? 'Change the passphrase or auto-lock…' : 'Set a passphrase…'}
          </button>
          {passphraseOn && (
            <button type="button" class="link-button" id="lock-now" onClick={() => void state.lock()}>
              Lock now
            </button>
          )}
        </div>
      </section>
      <label class="check">
        <input
          type="checkbox"
          name="hideCodes"
          checked={settings.hideCodes}
          onChange={(e) => void state.changeSettings({ hideCodes: e.currentTarget.checked })}
        />
        <span>
          <strong>Hide codes until clicked</strong>
          <small>Against shoulder surfing: a code shows once you click (and copy) it.</small>
        </span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="inPageButton"
          checked={settings.inPageButton && !inPageManagedOff}
          disabled={inPageManagedOff}
          onChange={(e) => void changeInPageButton(e.currentTarget)}
        />
        <span>
          <strong>Show a fill button in 2FA fields</strong>
          <small>
            Needs permission to read and change every https site, so Tessera can look for code fields; the button
            shows only on sites bound to an account, and the toolbar button or Alt+Shift+F remain the safer way to fill.
          </small>
          {inPageManagedOff && <small>Turned off by your organisation.</small>}
          {awaitingPermission.value && <small role="status">Answer the browser's question to turn it on.</small>}
        </span>
      </label>
      <label class="field">
        <span>Clear the clipboard after copying</span>
        <select
          name="clipboardClearSeconds"
          value={String(settings.clipboardClearSeconds)}
          onChange={(e) => void changeClipboardClear(Number(e.currentTarget.value) as ClipboardClearSeconds)}
        >
          {CLIPBOARD_CLEAR_CHOICES.map((seconds) => (
            <option key={seconds} value={String(seconds)}>
              {seconds === 0 ? 'Never' : `After ${seconds} seconds`}
            </option>
          ))}
        </select>
        <small class="hint">
          Only if the clipboard still holds the code Tessera copied. Clipboard history kept by your operating system is
          out of Tessera's reach.
        </small>
      </label>
      <section class="settings-group" aria-labelledby="data-title">
        <h3 id="data-title">Backup and transfer</h3>
        <div class="settings-links">
          <button type="button" class="link-button" onClick={() => openSection('backup')}>
            Make an encrypted backup…
          </button>
          <button type="button" class="link-button" onClick={() => openSection('import')}>
            Restore a backup or import from another app…
          </button>
          <button type="button" class="link-button" onClick={() => openSection('export')}>
            Export to another app…
          </button>
        </div>
        <small class="hint">These open in a tab.</small>
      </section>
      <FieldError id="settings-error" message={error.value} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => (state.view.value = { name: 'list' })}>
          Done
        </button>
      </div>
    </div>
  );
}
