/**
 * Owns what leaves the vault on purpose: the encrypted backup file and the clear-text exports
 * (otpauth list, Google Authenticator batches, one account's URI). Every secret is read through
 * `exportableSecret`, so device-bound accounts can only ever be listed as skipped.
 */
import { TesseraError } from '@/lib/errors';
import { OtpUriError, formatMigrationBatches, formatMigrationUri, formatOtpauthUri, type OtpAccountData } from '@/lib/otp';
import type { AccountMeta } from '@/lib/vault';
import { BACKUP_FILE_EXTENSION, createBackup, partitionExportable, type CreateBackupOptions, type ExportableAccount } from '../import';

/** The part of the vault the exports need (a fake in tests). */
export type ExportSource = {
  list(): Promise<AccountMeta[]>;
  get(id: string): Promise<AccountMeta>;
  exportableSecret(id: string): Promise<Uint8Array>;
};

export type ExportSkipReason =
  /** Kept only as a non-extractable key: there is no copy to export. */
  | 'device-bound'
  /** The record's secret cannot be decrypted (damaged); it stays in the vault untouched. */
  | 'unreadable'
  /** Google Authenticator's format cannot hold it (Steam, a period other than 30 s, 7 digits…). */
  | 'not-representable';

export type ExportSkip = { issuer: string; account: string; reason: ExportSkipReason };

export type BackupExport = { fileText: string; fileName: string; exported: number; skipped: ExportSkip[] };

/** Short passphrases fall to a guessing attack on a stolen file, whatever the iteration count. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 8;

/**
 * Accounts per Google Authenticator QR code are limited by the URI's length in characters: about
 * ten accounts, a code a phone camera still reads from a laptop screen (GA's own exports are this size).
 */
export const MIGRATION_QR_MAX_CHARS = 800;

export class ExportError extends TesseraError {}

/** Reads every exportable account with its secret; the caller must `wipeAccounts` when done. */
export async function collectExportable(source: ExportSource): Promise<{ accounts: ExportableAccount[]; skipped: ExportSkip[] }> {
  const metas = await source.list();
  const { exportable, skipped: bound } = partitionExportable(metas);
  const skipped: ExportSkip[] = bound.map(({ issuer, account }) => ({ issuer, account, reason: 'device-bound' }));
  const accounts: ExportableAccount[] = [];
  try {
    for (const meta of exportable) {
      let secret: Uint8Array;
      try {
        secret = await source.exportableSecret(meta.id);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'device-bound' || code === 'record-unreadable') {
          skipped.push({ issuer: meta.issuer, account: meta.account, reason: code === 'device-bound' ? 'device-bound' : 'unreadable' });
          continue;
        }
        throw error;
      }
      accounts.push(exportableFrom(meta, secret));
    }
  } catch (error) {
    wipeAccounts(accounts);
    throw error;
  }
  return { accounts, skipped };
}

export function wipeAccounts(accounts: readonly { secret: Uint8Array }[]): void {
  for (const account of accounts) account.secret.fill(0);
}

function exportableFrom(meta: AccountMeta, secret: Uint8Array): ExportableAccount {
  const common = { issuer: meta.issuer, account: meta.account, secret, algorithm: meta.algorithm, digits: meta.digits };
  const extras = { sites: meta.sites, pinned: meta.pinned, order: meta.order, ...(meta.group !== undefined && { group: meta.group }) };
  if (meta.kind === 'hotp') return { kind: 'hotp', ...common, counter: meta.counter ?? 0, ...extras };
  return { kind: meta.kind, ...common, period: meta.period ?? 30, ...extras };
}

/** `tessera-backup-2024-05-01.tessera`, in local time (the day the user sees). */
export function backupFileName(now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tessera-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}${BACKUP_FILE_EXTENSION}`;
}

/** The `.tessera` file of everything exportable; the slow part is the 600,000-iteration PBKDF2. */
export async function exportBackup(
  source: ExportSource,
  passphrase: string,
  options: CreateBackupOptions & { now?: number } = {},
): Promise<BackupExport> {
  if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  if ([...passphrase].length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    throw new ExportError('weak-passphrase', `The passphrase must have at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters.`, {
      params: [MIN_BACKUP_PASSPHRASE_LENGTH],
    });
  }
  const now = options.now ?? Date.now();
  const { accounts, skipped } = await collectExportable(source);
  try {
    const fileText = await createBackup(accounts, passphrase, { ...options, now });
    return { fileText, fileName: backupFileName(now), exported: accounts.length, skipped };
  } finally {
    wipeAccounts(accounts);
  }
}

/** One `otpauth://` URI per line, in the vault's order. */
export async function exportOtpauthList(source: ExportSource): Promise<{ text: string; exported: number; skipped: ExportSkip[] }> {
  const { accounts, skipped } = await collectExportable(source);
  try {
    const lines = accounts.map((account) => formatOtpauthUri(account));
    return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', exported: accounts.length, skipped };
  } finally {
    wipeAccounts(accounts);
  }
}

/** Google Authenticator export URIs, one per QR code, all sharing one batch id. */
export async function exportMigrationList(
  source: ExportSource,
  options: { maxChars?: number; batchId?: number } = {},
): Promise<{ uris: string[]; exported: number; skipped: ExportSkip[] }> {
  const { accounts, skipped } = await collectExportable(source);
  try {
    const fitting: OtpAccountData[] = [];
    for (const account of accounts) {
      if (representableInMigration(account)) fitting.push(account);
      else skipped.push({ issuer: account.issuer, account: account.account, reason: 'not-representable' });
    }
    const uris = fitting.length === 0 ? [] : formatMigrationBatches(fitting, options.maxChars ?? MIGRATION_QR_MAX_CHARS, options.batchId);
    return { uris, exported: fitting.length, skipped };
  } finally {
    wipeAccounts(accounts);
  }
}

function representableInMigration(account: OtpAccountData): boolean {
  try {
    formatMigrationUri([account]);
    return true;
  } catch (error) {
    if (error instanceof OtpUriError) return false;
    throw error;
  }
}

/** One account's URI, to show as a QR code for a phone. A device-bound account throws `device-bound`. */
export async function exportAccountUri(source: ExportSource, id: string): Promise<{ uri: string }> {
  const meta = await source.get(id);
  const secret = await source.exportableSecret(id);
  const account = exportableFrom(meta, secret);
  try {
    return { uri: formatOtpauthUri(account) };
  } finally {
    secret.fill(0);
  }
}
