/**
 * Opens the vault once per worker lifetime and gates it behind the lock. The promise is
 * a cache, not state: a stopped worker simply opens it again, and a failed open is
 * retried on the next call. While locked, every caller gets `locked`, so no handler can
 * read accounts, not even their names.
 */
import { openVaultDb, type VaultDb, createVaultLock, VaultLockedError, type SessionKeyStore, type VaultLock, createVault, type Vault } from '../vault';
import { NO_POLICY, passphraseRequired, PolicyError, type ManagedPolicy } from '../policy';

export interface PolicyGetters {
  /** For what only shows: answers at once after a browser start. */
  current: () => Promise<ManagedPolicy>;
  /** For what leaves or weakens protection: the browser's own answer to this worker. */
  enforced: () => Promise<ManagedPolicy>;
}

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
  /**
   * The organisation's policy: `current` gates reading here (a required passphrase, decided with
   * the last policy known: see lib/policy-source.ts); `enforced` goes into the vault, which applies
   * it where a secret would leave or a new account is stored (export, device binding).
   */
  policy: PolicyGetters = { current: async () => NO_POLICY, enforced: async () => NO_POLICY },
): VaultAccess {
  let opening: Promise<{ vault: Vault; lock: VaultLock }> | null = null;
  function open() {
    opening ??= openDb()
      .then((db) => {
        const lock = createVaultLock({ db, session });
        return { lock, vault: createVault({ db, keyProvider: lock.keyProvider, onChange, policy: policy.enforced }) };
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
    const known = await policy.current();
    if (known.requirePassphrase && passphraseRequired(known, await opened.lock.mode())) {
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
