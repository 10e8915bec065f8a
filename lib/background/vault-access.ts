/**
 * Opens the vault once per worker lifetime. The promise is a cache, not state: a
 * stopped worker simply opens it again, and a failed open is retried on the next call.
 */
import { openVaultDb } from '../vault/schema';
import { createVault, type Vault } from '../vault/vault';

export function createVaultAccess(open: () => Promise<Vault> = async () => createVault({ db: await openVaultDb() })) {
  let opening: Promise<Vault> | null = null;
  return function vault(): Promise<Vault> {
    opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
}
