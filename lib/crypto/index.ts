/** The public face of `lib/crypto/`: the only module tree that handles key material. */
export {
  type RandomBytes,
  type SecretEnvelope,
  EnvelopeError,
  defaultRandomBytes,
  openEnvelope,
  purposeAad,
  recordAad,
  sealEnvelope,
} from './envelope';
export { type KeyProvider, createKeyCheck, equalBytes, generateDeviceKey, importDataKey, isKeyCheckValid } from './device-key';
export { importOtpKey, isOtpKey, otpKeyFingerprint } from './device-bound';
export { enrollmentAad } from './envelope';
export { decryptAegisVault, decryptTwoFasServices } from './foreign-backups';
export { ForeignBackupError } from './foreign-backups';
export { PassphraseError, openWithPassphrase, parsePassphraseEnvelope, sealWithPassphrase } from './passphrase';
export type { PassphraseEnvelope } from './passphrase';
