import { useSignal } from '@preact/signals';
import type { LockState } from '@/lib/manage';
import { LockOutcome } from './LockOutcome';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';
import { t } from '@/lib/i18n';

/** Unlock form: all the page shows while the vault is locked. */
export function UnlockSection({ state }: { state: LockState }) {
  const passphrase = useSignal('');
  return (
    <ManageSection id="lock" title={t('lock_locked_title')} intro={t('lock_locked_intro')}>
      <form
        class="manage-form"
        aria-label={t('lock_unlock_label')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (await state.unlock(passphrase.value)) location.reload();
          passphrase.value = '';
        }}
      >
        <PassphraseField label={t('unlock_passphrase')} value={passphrase} autocomplete="current-password" />
        <LockOutcome state={state} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('unlock_button')}
          </button>
        </div>
      </form>
    </ManageSection>
  );
}

