import { useSignal } from '@preact/signals';
import type { LockState } from '@/lib/manage';
import { AUTO_LOCK_CHOICES, type AutoLockMinutes } from '@/lib/settings';
import { LockOutcome } from './LockOutcome';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';
import { PolicyRule } from './PolicyRule';
import { SetPassphraseForm } from './SetPassphraseForm';
import { NO_POLICY } from '@/lib/policy';

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
      title="Security: passphrase and auto-lock"
      intro={
        locked
          ? 'Tessera is protected by your passphrase: while locked, what is stored on this computer decrypts nothing without it. It locks after the time below without use, when the browser quits, and when you choose Lock now.'
          : 'Without a passphrase, your accounts are encrypted with a key stored in this browser profile. That stops other extensions, web pages and sync from reading them, but not someone who copies the profile or malware on this computer. A passphrase closes that gap.'
      }
    >
      {!locked ? (
        <SetPassphraseForm state={state} label="Set a passphrase">
          {rule && <PolicyRule policy={policy} />}
          <p class="hint">
            At least 8 characters; several unrelated words are best. Nobody can recover a forgotten passphrase: keep an
            encrypted backup. Accounts already kept on this device only keep a key the passphrase cannot cover; those added afterwards are covered.
          </p>
        </SetPassphraseForm>
      ) : (
        <>
          <form
            class="manage-form"
            aria-label="Change the passphrase"
            onSubmit={async (event) => {
              event.preventDefault();
              if (await state.changePassphrase(current.value, next.value, again.value)) clear();
            }}
          >
            <PassphraseField label="Current passphrase" value={current} autocomplete="current-password" />
            <PassphraseField label="New passphrase" value={next} autocomplete="new-password" />
            <PassphraseField label="New passphrase again" value={again} autocomplete="new-password" />
            {rule && <PolicyRule policy={policy} />}
            <LockOutcome state={state} />
            <div class="actions">
              <button type="submit" class="primary" disabled={state.task.value.name === 'working'}>
                Change passphrase
              </button>
              {/* The worker refuses it too; the button is not offered when it cannot work. */}
              {!policy.requirePassphrase && (
                <button
                  type="button"
                  onClick={async () => {
                    if (await state.removePassphrase(current.value)) clear();
                  }}
                >
                  Remove passphrase
                </button>
              )}
              <button type="button" onClick={() => void state.lock().then(() => location.reload())}>
                Lock now
              </button>
            </div>
          </form>
          <label class="field">
            <span>Lock after this long without use</span>
            <select
              name="autoLockMinutes"
              value={String(minutesShown)}
              disabled={managedMinutes !== undefined}
              aria-describedby={managedMinutes !== undefined ? 'auto-lock-managed' : undefined}
              onChange={(e) => void state.setAutoLock(Number(e.currentTarget.value) as AutoLockMinutes)}
            >
              {choices.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {minutes < 60 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${minutes / 60} hour${minutes === 60 ? '' : 's'}`}
                </option>
              ))}
            </select>
            {managedMinutes !== undefined && (
              <small class="hint managed" id="auto-lock-managed">
                Set by your organisation.
              </small>
            )}
          </label>
        </>
      )}
    </ManageSection>
  );
}
