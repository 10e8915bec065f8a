/** The public face of `lib/backup/`: the encrypted `.tessera` backup file. */
export {
  BACKUP_FILE_EXTENSION,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFormatError,
  createBackup,
  partitionExportable,
  readBackup,
  readBackupJson,
  type BackupContents,
  type BackupFile,
  type BackupFormatErrorCode,
  type CreateBackupOptions,
  type ExportableAccount,
  type SkippedAccount,
} from './tessera-backup';
