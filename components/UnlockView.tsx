import { useSignal } from '@preact/signals';
import type { PopupState } from '@/lib/popup';
import { FieldError } from './FieldError';
import { Icon } from './Icon';
import { messageOf } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/** All a locked popup shows: no account names, no count, nothing to copy. */
export function UnlockView({ state }: { state: PopupState }) {
  const passphrase = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit() {
    if (!passphrase.value) return;
    busy.value = true;
    error.value = null;
    try {
      await state.unlock(passphrase.value);
    } catch (caught) {
      error.value = messageOf(caught, t('unlock_fallback_error'));
      passphrase.value = '';
    } finally {
      busy.value = false;
    }
  }

  return (
    <form
      class="panel form unlock"
      aria-labelledby="unlock-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="unlock-title">
        <Icon name="lock" /> {t('unlock_title')}
      </h2>
      <label class="field">
        <span>{t('unlock_passphrase')}</span>
        <input
          name="passphrase"
          type="password"
          autocomplete="current-password"
          autoFocus
          value={passphrase.value}
          aria-invalid={!!error.value}
          aria-describedby="unlock-error"
          onInput={(e) => (passphrase.value = e.currentTarget.value)}
        />
        <FieldError id="unlock-error" message={error.value} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? t('unlock_busy') : t('unlock_button')}
        </button>
      </div>
      <p class="hint">{t('unlock_hint')}</p>
    </form>
  );
}
