/**
 * The public face of `lib/backup/`: backups, exports and imports into the vault. The `.tessera`
 * file format itself lives with the other file formats in `lib/import/tessera-backup.ts`.
 */
export {
  BackupFormatError,
  createBackup,
  partitionExportable,
  readBackup,
  type ExportableAccount,
} from '../import';
export {
  MIN_BACKUP_PASSPHRASE_LENGTH,
  backupFileName,
  exportAccountUri,
  exportBackup,
  exportMigrationList,
  exportOtpauthList,
  type BackupExport,
  type ExportSkip,
} from './exports';
export {
  commitImport,
  previewImport,
  type ConflictChoice,
  type ImportCommitResult,
  type ImportPreviewEntry,
} from './import-commit';
export {
  toTransferCandidate,
  toTransferCandidates,
  type TransferCandidate,
} from './transfer';
