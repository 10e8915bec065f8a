import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { createLockState, type LockState } from '@/lib/manage/lock-state';
import { createBrowserLockApi } from '@/lib/platform/lock-api';
import type { ManagedPolicy } from '@/lib/policy';
import { LockOutcome } from './LockOutcome';
import { PassphraseField } from './PassphraseField';
import { PolicyRule } from './PolicyRule';

/**
 * The blocking screen while the organisation requires a passphrase that is not set: shown instead
 * of the accounts (the worker refuses to read them until then, so this is not a mere curtain).
 */
export function PassphraseRequired({ policy, lock, onDone }: { policy: ManagedPolicy; lock?: LockState; onDone: () => void }) {
  const state = useMemo(() => lock ?? createLockState(createBrowserLockApi()), [lock]);
  const next = useSignal('');
  const again = useSignal('');
  return (
    <section class="passphrase-required" aria-labelledby="passphrase-required-title">
      <h2 id="passphrase-required-title">Your organisation requires a passphrase</h2>
      <p>
        Set a passphrase to use Tessera. Your accounts are then encrypted with it, and Tessera locks when the browser quits
        and after a while without use. Nobody can recover a forgotten passphrase, your administrator included.
      </p>
      <PolicyRule policy={policy} />
      <form
        class="form manage-form"
        aria-label="Set the passphrase your organisation requires"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await state.setPassphrase(next.value, again.value)) onDone();
        }}
      >
        <PassphraseField label="New passphrase" value={next} autocomplete="new-password" />
        <PassphraseField label="New passphrase again" value={again} autocomplete="new-password" />
        <LockOutcome state={state} />
        <div class="actions">
          <button type="submit" class="primary" disabled={state.task.value.name === 'working'}>
            Set passphrase
          </button>
        </div>
      </form>
    </section>
  );
}
