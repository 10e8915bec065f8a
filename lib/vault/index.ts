/** The public face of `lib/vault/`: open the database, create the vault, and the types and errors it speaks. */
export { createVault, type Vault, type VaultDeps } from './vault';
export {
  type VaultDb,
  type VaultMigration,
  VAULT_DB_NAME,
  VAULT_DB_VERSION,
  VAULT_MIGRATIONS,
  openVaultDb,
} from './schema';
export {
  DeviceBoundError,
} from './errors';
export type {
  AccountCode,
  AccountCodeFailure,
  AccountMeta,
  AccountUpdate,
  AddOptions,
  AddResult,
  NewAccountInput,
  PreviewResult,
  SiteBinding,
} from './types';
export { MAX_GROUP_LENGTH, labelKey, validateGroup } from './validate';
export { VaultLockedError, createVaultLock } from './lock';
export type { SessionKey, SessionKeyStore, VaultLock } from './lock';
export { removeScrubLeftovers, scrubStaleCopies } from './scrub';
