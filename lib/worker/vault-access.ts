/**
 * Opens the vault once per worker lifetime and gates it behind the lock. The promise is
 * a cache, not state: a stopped worker simply opens it again, and a failed open is
 * retried on the next call. While locked, every caller gets `locked`, so no handler can
 * read accounts, not even their names.
 */
import { openVaultDb, type VaultDb, createVaultLock, VaultLockedError, type SessionKeyStore, type VaultLock, createVault, type Vault } from '../vault';
import { NO_POLICY, passphraseRequired, PolicyError, type ManagedPolicy } from '../policy';

export interface VaultAccess {
  (): Promise<Vault>;
  /** The lock over the same database. */
  lock(): Promise<VaultLock>;
  /** Drops the open vault and its in-memory caches (imported keys, codes): after a lock. */
  forget(): void;
}

/** `onChange`: the accounts changed, or the vault was forgotten after a lock. */
export function createVaultAccess(
  session: SessionKeyStore,
  openDb: () => Promise<VaultDb> = () => openVaultDb(),
  onChange?: () => void,
  /** The organisation's policy, enforced here and inside the vault (export, device binding). */
  policy: () => Promise<ManagedPolicy> = async () => NO_POLICY,
): VaultAccess {
  let opening: Promise<{ vault: Vault; lock: VaultLock }> | null = null;
  function open() {
    opening ??= openDb()
      .then((db) => {
        const lock = createVaultLock({ db, session });
        return { lock, vault: createVault({ db, keyProvider: lock.keyProvider, onChange, policy }) };
      })
      .catch((error: unknown) => {
        opening = null;
        throw error;
      });
    return opening;
  }
  const access = async function vault(): Promise<Vault> {
    const opened = await open();
    if (await opened.lock.isLocked()) {
      throw new VaultLockedError();
    }
    // Until the passphrase the organisation requires is set, nothing is read: as if locked.
    const enforced = await policy();
    if (enforced.requirePassphrase && passphraseRequired(enforced, await opened.lock.mode())) {
      throw new PolicyError('passphrase-required', 'Your organisation requires a passphrase. Set one to use Tessera.');
    }
    return opened.vault;
  } as VaultAccess;
  access.lock = async () => (await open()).lock;
  access.forget = () => {
    opening = null;
    onChange?.();
  };
  return access;
}
