/** The public face of `lib/import/`: format detection, one parser per app, and the shared types. */
export { detectFormat, importFile } from './detect';
export { IMPORT_MESSAGE_KEYS } from './input';
export { parseAegis } from './aegis';
export { parseAndOtp } from './andotp';
export { parseAuthenticatorExtension } from './authenticator-extension';
export { parseBitwardenCsv, parseBitwardenJson } from './bitwarden';
export { parseEnte } from './ente';
export { parseFreeOtpPlus } from './freeotp-plus';
export { parseGoogleAuthenticator } from './google-authenticator';
export { parseOtpauthText } from './otpauth-text';
export { parseTwoFas } from './two-fas';
export {
  IMPORT_LIMITS,
  ImportFormatError,
  type ImportCandidate,
  type ImportFormat,
} from './types';
export {
  BACKUP_FILE_EXTENSION,
  BackupFormatError,
  createBackup,
  partitionExportable,
  readBackup,
  type CreateBackupOptions,
  type ExportableAccount,
} from './tessera-backup';
