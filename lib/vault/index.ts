/** The public face of `lib/vault/`: open the database, create the vault, and the types and errors it speaks. */
export { createVault, toMeta, type Vault, type VaultDeps } from './vault';
export { createDeviceKeyProvider, type DeviceKeyProviderDeps } from './device-key-provider';
export {
  type DeviceKeyRow,
  type OpenVaultDbOptions,
  type VaultDb,
  type VaultDbSchema,
  type VaultMetaRow,
  type VaultMigration,
  RECORD_FORMAT_VERSION,
  VAULT_DB_NAME,
  VAULT_DB_VERSION,
  VAULT_MIGRATIONS,
  openVaultDb,
} from './schema';
export {
  AccountNotFoundError,
  DeviceBoundError,
  RecordUnreadableError,
  VaultError,
  VaultInputError,
  VaultUnavailableError,
  type VaultInputCode,
  type VaultUnavailableCode,
} from './errors';
export type {
  AccountCode,
  AccountCodeFailure,
  AccountMeta,
  AccountRecord,
  AccountUpdate,
  AddOptions,
  AddResult,
  DeviceBoundSecret,
  NewAccountInput,
  PreviewResult,
  SiteBinding,
  VaultStatus,
} from './types';
export { MAX_LABEL_LENGTH, MAX_SECRET_BYTES, MAX_SITES, labelKey, validateSites } from './validate';
