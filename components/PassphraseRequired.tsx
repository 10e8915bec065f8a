import type { LockState } from '@/lib/manage';
import type { ManagedPolicy } from '@/lib/policy';
import { t } from '@/lib/i18n';
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
      <h2 id="passphrase-required-title">{t('passphrase_required_title')}</h2>
      <p>{t('passphrase_required_text')}</p>
      <PolicyRule policy={policy} />
      <SetPassphraseForm state={state} label={t('passphrase_required_form_label')} className="form manage-form" onDone={onDone} />
    </section>
  );
}
