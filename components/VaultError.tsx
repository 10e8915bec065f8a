import type { SerializedError } from '@/lib/errors';

const EXPLANATIONS: Record<string, string> = {
  'storage-unavailable':
    'The browser would not open Tessera’s storage. Nothing has been changed or deleted. Check that the browser is not in a mode that disables extension storage, then reopen Tessera.',
  'device-key-missing':
    'Your accounts are still stored, but the key that decrypts them is missing. Tessera has not changed anything and will not create a new key over them. Restore from a backup, or contact support with this message.',
  'device-key-unusable':
    'Your accounts are still stored, but the key that decrypts them does not work. Tessera has not changed anything.',
};

/** A blocking error: never an empty list that would suggest the accounts are gone. */
export function VaultError({ error }: { error: SerializedError }) {
  return (
    <div class="panel vault-error" role="alert">
      <h2>Tessera cannot open your accounts</h2>
      <p>{EXPLANATIONS[error.code] ?? error.message}</p>
      <p class="hint">Error code: {error.code}</p>
    </div>
  );
}
