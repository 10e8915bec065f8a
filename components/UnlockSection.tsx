import { useSignal } from '@preact/signals';
import type { LockState } from '@/lib/manage';
import { LockOutcome } from './LockOutcome';
import { ManageSection } from './ManageSection';
import { PassphraseField } from './PassphraseField';

/** Unlock form: all the page shows while the vault is locked. */
export function UnlockSection({ state }: { state: LockState }) {
  const passphrase = useSignal('');
  return (
    <ManageSection id="lock" title="Tessera is locked" intro="Enter your passphrase to manage your accounts.">
      <form
        class="manage-form"
        aria-label="Unlock"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await state.unlock(passphrase.value)) location.reload();
          passphrase.value = '';
        }}
      >
        <PassphraseField label="Passphrase" value={passphrase} autocomplete="current-password" />
        <LockOutcome state={state} />
        <div class="actions">
          <button type="submit" class="primary">
            Unlock
          </button>
        </div>
      </form>
    </ManageSection>
  );
}

