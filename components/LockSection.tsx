import { useSignal } from '@preact/signals';
import type { LockState } from '@/lib/manage';
import { AUTO_LOCK_CHOICES, type AutoLockMinutes } from '@/lib/settings';
import { LockOutcome } from './LockOutcome';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';
import { PolicyRule } from './PolicyRule';
import { SetPassphraseForm } from './SetPassphraseForm';
import { NO_POLICY } from '@/lib/policy';
import { t, tPlural } from '@/lib/i18n';

/** Set, change or remove the passphrase, and choose the auto-lock delay. */
export function LockSection({ state }: { state: LockState }) {
  const current = useSignal('');
  const next = useSignal('');
  const again = useSignal('');
  const status = state.status.value;
  if (!status) return null;
  const locked = status.mode === 'passphrase';
  const policy = status.policy ?? NO_POLICY;
  const managedMinutes = policy.autoLockMinutes;
  const minutesShown = managedMinutes ?? state.autoLock.value;
  const choices: readonly number[] = AUTO_LOCK_CHOICES.includes(minutesShown as AutoLockMinutes)
    ? AUTO_LOCK_CHOICES
    : [...AUTO_LOCK_CHOICES, minutesShown].sort((a, b) => a - b);
  const rule = policy.passphraseMinLength !== undefined || policy.passphrasePattern !== undefined || policy.passphraseHint !== undefined;
  const clear = () => {
    current.value = '';
    next.value = '';
    again.value = '';
  };

  return (
    <ManageSection
      id="lock"
      title={t('lock_title')}
      intro={locked ? t('lock_intro_locked') : t('lock_intro_device')}
    >
      {!locked ? (
        <SetPassphraseForm state={state} label={t('lock_set_label')}>
          {rule && <PolicyRule policy={policy} />}
          <p class="hint">{t('lock_set_hint')}</p>
        </SetPassphraseForm>
      ) : (
        <>
          <form
            class="manage-form"
            aria-label={t('lock_change_label')}
            onSubmit={async (event) => {
              event.preventDefault();
              if (await state.changePassphrase(current.value, next.value, again.value)) clear();
            }}
          >
            <PassphraseField label={t('lock_current')} value={current} autocomplete="current-password" />
            <PassphraseField label={t('lock_new')} value={next} autocomplete="new-password" />
            <PassphraseField label={t('lock_new_again')} value={again} autocomplete="new-password" />
            {rule && <PolicyRule policy={policy} />}
            <LockOutcome state={state} />
            <div class="actions">
              <button type="submit" class="primary" disabled={state.task.value.name === 'working'}>
                {t('lock_change_button')}
              </button>
              {/* The worker refuses it too; the button is not offered when it cannot work. */}
              {!policy.requirePassphrase && (
                <button
                  type="button"
                  onClick={async () => {
                    if (await state.removePassphrase(current.value)) clear();
                  }}
                >
                  {t('lock_remove_button')}
                </button>
              )}
              <button type="button" onClick={() => void state.lock().then(() => location.reload())}>
                {t('popup_lock_now')}
              </button>
            </div>
          </form>
          <label class="field">
            <span>{t('lock_auto_lock')}</span>
            <select
              name="autoLockMinutes"
              value={String(minutesShown)}
              disabled={managedMinutes !== undefined}
              aria-describedby={managedMinutes !== undefined ? 'auto-lock-managed' : undefined}
              onChange={(e) => void state.setAutoLock(Number(e.currentTarget.value) as AutoLockMinutes)}
            >
              {choices.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {minutes < 60 ? tPlural('lock_minutes', minutes) : tPlural('lock_hours', minutes / 60)}
                </option>
              ))}
            </select>
            {managedMinutes !== undefined && (
              <small class="hint managed" id="auto-lock-managed">
                {t('device_bound_managed')}
              </small>
            )}
          </label>
        </>
      )}
    </ManageSection>
  );
}
