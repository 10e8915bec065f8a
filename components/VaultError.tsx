import { explanationOf } from '@/lib/error-text';
import type { SerializedError } from '@/lib/errors';


/** A blocking error: never an empty list that would suggest the accounts are gone. */
export function VaultError({ error }: { error: SerializedError }) {
  return (
    <div class="panel vault-error" role="alert">
      <h2>Tessera cannot open your accounts</h2>
      <p>{explanationOf(error)}</p>
      <p class="hint">Error code: {error.code}</p>
    </div>
  );
}
