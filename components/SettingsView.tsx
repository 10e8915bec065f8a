import { useSignal } from '@preact/signals';
import type { ManageSectionId, PopupState } from '@/lib/popup';
import { CLIPBOARD_CLEAR_CHOICES, type ClipboardClearSeconds } from '@/lib/settings';
import { FieldError } from './FieldError';
import { PolicySummary } from './PolicySummary';
import { policyDisablesInPageButton } from '@/lib/policy';
import { formatDuration, t, tPlural } from '@/lib/i18n';

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
      error.value = t('settings_clipboard_permission');
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
      error.value = t('settings_site_permission_refused');
      await state.changeSettings({ inPageButton: false });
      return;
    }
    await state.changeSettings({ inPageButton: true });
  }

  return (
    <div class="panel form" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings_title')}</h2>
      <PolicySummary policy={state.policy.value} />
      <section class="settings-group first" aria-labelledby="security-title">
        <h3 id="security-title">{t('settings_security')}</h3>
        <p class="hint" id="security-state">
          {passphraseOn ? tPlural('settings_protected', settings.autoLockMinutes) : t('settings_unprotected')}
        </p>
        <div class="settings-links">
          <button type="button" class="link-button" id="open-security" onClick={() => openSection('lock')}>
            {passphraseOn ? t('settings_change_passphrase') : t('settings_set_passphrase')}
          </button>
          {passphraseOn && (
            <button type="button" class="link-button" id="lock-now" onClick={() => void state.lock()}>
              {t('popup_lock_now')}
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
          <strong>{t('settings_hide_codes')}</strong>
          <small>{t('settings_hide_codes_hint')}</small>
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
          <strong>{t('settings_in_page_button')}</strong>
          <small>{t('settings_in_page_button_hint')}</small>
          {inPageManagedOff && <small>{t('settings_managed_off')}</small>}
          {awaitingPermission.value && <small role="status">{t('settings_answer_browser')}</small>}
        </span>
      </label>
      <label class="field">
        <span>{t('settings_clipboard_clear')}</span>
        <select
          name="clipboardClearSeconds"
          value={String(settings.clipboardClearSeconds)}
          onChange={(e) => void changeClipboardClear(Number(e.currentTarget.value) as ClipboardClearSeconds)}
        >
          {CLIPBOARD_CLEAR_CHOICES.map((seconds) => (
            <option key={seconds} value={String(seconds)}>
              {seconds === 0 ? t('settings_clipboard_never') : t('settings_clipboard_after', formatDuration(seconds, 'second'))}
            </option>
          ))}
        </select>
        <small class="hint">
          {t('settings_clipboard_hint')}
        </small>
      </label>
      <section class="settings-group" aria-labelledby="data-title">
        <h3 id="data-title">{t('settings_backup_group')}</h3>
        <div class="settings-links">
          <button type="button" class="link-button" onClick={() => openSection('backup')}>
            {t('settings_make_backup')}
          </button>
          <button type="button" class="link-button" onClick={() => openSection('import')}>
            {t('settings_import')}
          </button>
          <button type="button" class="link-button" onClick={() => openSection('export')}>
            {t('settings_export')}
          </button>
        </div>
        <small class="hint">{t('settings_opens_in_tab')}</small>
      </section>
      <FieldError id="settings-error" message={error.value} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => (state.view.value = { name: 'list' })}>
          {t('common_done')}
        </button>
      </div>
    </div>
  );
}
