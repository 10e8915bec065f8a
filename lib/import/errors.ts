/** Owns the translation of lower-level decryption errors into the one error type importers throw. */
import type { ForeignBackupError } from '@/lib/crypto';
import { ImportFormatError } from './types';

export function foreignBackupToImportError(error: ForeignBackupError): ImportFormatError {
  switch (error.code) {
    case 'wrong-password':
      return new ImportFormatError('wrong-password', 'The password does not open this file.', { cause: error });
    case 'too-costly-backup':
      return new ImportFormatError('too-costly-encryption', error.message, { cause: error });
    case 'unsupported-backup':
      return new ImportFormatError('unsupported-encryption', error.message, { cause: error });
    default:
      return new ImportFormatError('malformed', error.message, { cause: error });
  }
}
