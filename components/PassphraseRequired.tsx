import type { LockState } from '@/lib/manage';
import type { ManagedPolicy } from '@/lib/policy';
import { PolicyRule } from './PolicyRule';
import { SetPassphraseForm } from './SetPassphraseForm';

/**
 * The blocking screen while the organisation requires a passphrase that is not set: shown instead
 * of the accounts (the worker refuses to read them until then, so this is not a mere curtain).
 */
export function PassphraseRequired({ policy, lock, onDone }: { policy: ManagedPolicy; lock: LockState; onDone: () => void }) {
  const state = lock;
  return (
    <section class="passphrase-required" aria-labelledby="passphrase-required-title">
      <h2 id="passphrase-required-title">Your organisation requires a passphrase</h2>
      <p>
        Set a passphrase to use Tessera. Your accounts are then encrypted with it, and Tessera locks when the browser quits
        and after a while without use. Nobody can recover a forgotten passphrase, your administrator included.
      </p>
      <PolicyRule policy={policy} />
      <SetPassphraseForm state={state} label="Set the passphrase your organisation requires" className="form manage-form" onDone={onDone} />
    </section>
  );
}
