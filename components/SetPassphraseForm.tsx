import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import type { LockState } from '@/lib/manage';
import { LockOutcome } from './LockOutcome';
import { PassphraseField } from './PassphraseField';
import { t } from '@/lib/i18n';

/** Device mode → passphrase mode: the new passphrase twice, then one worker call. */
export function SetPassphraseForm({
  state,
  label,
  className = 'manage-form',
  onDone,
  children,
}: {
  state: LockState;
  /** The form's accessible name. */
  label: string;
  className?: string;
  onDone?: () => void;
  /** Shown between the fields and the outcome: the rule, a hint. */
  children?: ComponentChildren;
}) {
  const next = useSignal('');
  const again = useSignal('');
  return (
    <form
      class={className}
      aria-label={label}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!(await state.setPassphrase(next.value, again.value))) return;
        next.value = '';
        again.value = '';
        onDone?.();
      }}
    >
      <PassphraseField label={t('lock_new')} value={next} autocomplete="new-password" />
      <PassphraseField label={t('lock_new_again')} value={again} autocomplete="new-password" />
      {children}
      <LockOutcome state={state} />
      <div class="actions">
        <button type="submit" class="primary" disabled={state.task.value.name === 'working'}>
          {t('lock_set_button')}
        </button>
      </div>
    </form>
  );
}
