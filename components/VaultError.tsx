import { explanationOf } from '@/lib/error-text';
import type { SerializedError } from '@/lib/errors';
import { t } from '@/lib/i18n';


/** A blocking error: never an empty list that would suggest the accounts are gone. */
export function VaultError({ error }: { error: SerializedError }) {
  return (
    <div class="panel vault-error" role="alert">
      <h2>{t('vault_error_title')}</h2>
      <p>{explanationOf(error)}</p>
      <p class="hint">{t('vault_error_code', error.code)}</p>
    </div>
  );
}
