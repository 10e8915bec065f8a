/**
 * Owns the `.tessera` backup file: a versioned JSON wrapper around a passphrase envelope whose
 * plaintext lists every exportable account with its secret, bindings and flags.
 */
import { t } from '@/lib/i18n';
import { parsePassphraseEnvelope, sealWithPassphrase, openWithPassphrase, type PassphraseEnvelope } from '@/lib/crypto';
import { TesseraError } from '@/lib/errors';
import { encodeBase32, assertAccountData, type OtpAccountData, OTP_DEFAULTS } from '@/lib/otp';
import { EntryProblem, candidateFrom, importedGroup, isRecord, labelOf, readAlgorithm, readInt, readJson, readSecret, readString, withGroup } from './input';
import { ImportFormatError, type CandidateExtras, type ImportCandidate } from './types';
import type { AccountMeta, SiteBinding } from '@/lib/vault';

export const BACKUP_FORMAT = 'tessera-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_FILE_EXTENSION = '.tessera';
/** Binds the ciphertext to this use: a wrapped vault key can never be passed off as a backup, or the reverse. */
const BACKUP_AAD = new TextEncoder().encode('tessera-backup/v1');

/** An account the caller has already checked is not device-bound, with its secret in hand. */
export type ExportableAccount = OtpAccountData & { sites: SiteBinding[]; pinned: boolean; order: number; group?: string };

export type BackupFile = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601; informational (not covered by the encryption). */
  createdAt: string;
  app: 'Tessera';
  encryption: PassphraseEnvelope;
};

export type SkippedAccount = { id: string; issuer: string; account: string; reason: 'device-bound' };

export type BackupFormatErrorCode =
  | 'too-large'
  | 'too-deep'
  | 'truncated'
  | 'empty'
  /** Not JSON, or JSON with wrong field types. */
  | 'malformed'
  /** Valid JSON, but not a Tessera backup (another app's export, say). */
  | 'not-a-backup'
  /** A newer backup version than this build reads. */
  | 'unsupported-version'
  /** Decrypted fine but the content is not an account list: written by something other than Tessera. */
  | 'corrupt-payload';

/**
 * A backup file that cannot be read as a whole. Envelope problems (wrong passphrase, damaged or
 * unsupported envelope) arrive as `PassphraseError` with codes `wrong-passphrase`, `corrupt-envelope`
 * and `unsupported-envelope`.
 */
export class BackupFormatError extends TesseraError {
  declare readonly code: BackupFormatErrorCode;
  constructor(code: BackupFormatErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Splits vault metadata into what a backup or export may contain and what it must list as skipped. */
export function partitionExportable<T extends Pick<AccountMeta, 'id' | 'issuer' | 'account' | 'deviceBound'>>(
  metas: readonly T[],
): { exportable: T[]; skipped: SkippedAccount[] } {
  if (!Array.isArray(metas)) throw new TypeError('metas must be an array');
  const exportable: T[] = [];
  const skipped: SkippedAccount[] = [];
  for (const meta of metas) {
    if (meta.deviceBound) skipped.push({ id: meta.id, issuer: meta.issuer, account: meta.account, reason: 'device-bound' });
    else exportable.push(meta);
  }
  return { exportable, skipped };
}

export type CreateBackupOptions = {
  /** ms since the epoch, for `createdAt`. */
  now?: number;
  /** PBKDF2 iterations; the floor (600,000) is enforced by `sealWithPassphrase`. */
  iterations?: number;
  randomBytes?: (length: number) => Uint8Array;
};

/** Returns the file's text. Every account is checked first, so a bad one fails the whole backup before anything is sealed. */
export async function createBackup(
  accounts: readonly ExportableAccount[],
  passphrase: string,
  options: CreateBackupOptions = {},
): Promise<string> {
  if (!Array.isArray(accounts)) throw new TypeError('accounts must be an array');
  const plainAccounts = accounts.map((account, index) => {
    if ((account as { deviceBound?: unknown }).deviceBound === true) {
      throw new RangeError(`accounts[${index}] is device-bound and must not be backed up`);
    }
    assertAccountData(account);
    if (!Array.isArray(account.sites) || typeof account.pinned !== 'boolean' || !Number.isSafeInteger(account.order)) {
      throw new TypeError(`accounts[${index}] needs sites (array), pinned (boolean) and order (integer)`);
    }
    return {
      kind: account.kind,
      issuer: account.issuer,
      account: account.account,
      secret: encodeBase32(account.secret),
      algorithm: account.algorithm,
      digits: account.digits,
      ...(account.kind === 'hotp' ? { counter: account.counter } : { period: account.period }),
      sites: account.sites,
      pinned: account.pinned,
      order: account.order,
      // Absent in backups written before groups existed: those read back as "no group".
      ...(account.group !== undefined && { group: account.group }),
    };
  });
  const plaintext = new TextEncoder().encode(JSON.stringify({ accounts: plainAccounts }));
  try {
    const encryption = await sealWithPassphrase(plaintext, passphrase, {
      iterations: options.iterations,
      randomBytes: options.randomBytes,
      aad: BACKUP_AAD,
    });
    const file: BackupFile = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date(options.now ?? Date.now()).toISOString(),
      app: 'Tessera',
      encryption,
    };
    return JSON.stringify(file, null, 2);
  } finally {
    plaintext.fill(0);
  }
}

export type BackupContents = { createdAt: string | undefined; accounts: ImportCandidate[] };

/** Reads a `.tessera` file: the structure is checked before the (slow) key derivation runs. */
export async function readBackup(fileText: string, passphrase: string): Promise<BackupContents> {
  if (typeof fileText !== 'string') throw new TypeError('fileText must be a string');
  let json: unknown;
  try {
    json = readJson(fileText);
  } catch (error) {
    throw toBackupError(error);
  }
  return readBackupJson(json, passphrase);
}

export function looksLikeTesseraBackup(json: unknown): boolean {
  return isRecord(json) && json.format === BACKUP_FORMAT;
}

/** The same as `readBackup` for a file already parsed (by the import detector). */
export async function readBackupJson(json: unknown, passphrase: string): Promise<BackupContents> {
  if (!looksLikeTesseraBackup(json)) throw new BackupFormatError('not-a-backup', 'This file is not a Tessera backup.');
  const { version, createdAt, encryption } = json as Record<string, unknown>;
  if (typeof version !== 'number') throw new BackupFormatError('malformed', 'The backup has no version number.');
  if (version !== BACKUP_VERSION) {
    throw new BackupFormatError('unsupported-version', 'This backup was written by a newer version of Tessera; update Tessera to restore it.');
  }
  parsePassphraseEnvelope(encryption);
  const plain = await openWithPassphrase(encryption, passphrase, { aad: BACKUP_AAD });
  let payload: unknown;
  try {
    payload = readJson(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch (cause) {
    throw new BackupFormatError('corrupt-payload', 'The backup decrypted, but its content is not a Tessera account list.', { cause });
  } finally {
    plain.fill(0);
  }
  if (!isRecord(payload) || !Array.isArray(payload.accounts)) {
    throw new BackupFormatError('corrupt-payload', 'The backup decrypted, but its content is not a Tessera account list.');
  }
  const accounts = payload.accounts.map((entry, index): ImportCandidate => {
    const issuer = isRecord(entry) ? readString(entry.issuer) : '';
    const account = isRecord(entry) ? readString(entry.account) : '';
    const label = labelOf(issuer, account, t('import_account_label', index + 1));
    let extras: CandidateExtras | undefined;
    const candidate = candidateFrom(label, () => {
      if (!isRecord(entry)) throw new EntryProblem('invalid-entry', 'This backup entry is not an account.');
      extras = readExtras(entry, index);
      return convertAccount(entry, issuer, account);
    });
    return withGroup(candidate.ok && extras ? { ...candidate, extras } : candidate, isRecord(entry) ? importedGroup(entry.group) : undefined);
  });
  return { createdAt: typeof createdAt === 'string' ? createdAt : undefined, accounts };
}

function convertAccount(entry: Record<string, unknown>, issuer: string, account: string): OtpAccountData {
  const secret = readSecret(entry.secret);
  const { kind } = entry;
  if (kind === 'steam') return { kind, issuer, account, secret, ...OTP_DEFAULTS.steam };
  if (kind !== 'totp' && kind !== 'hotp') throw new EntryProblem('unsupported-type', 'This backup entry has an OTP type this version does not know.');
  const algorithm = readAlgorithm(entry.algorithm);
  const digits = readInt(entry.digits, undefined, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (kind === 'hotp') {
    const counter = readInt(entry.counter, undefined, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER);
    return { kind, issuer, account, secret, algorithm, digits, counter };
  }
  const period = readInt(entry.period, undefined, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind, issuer, account, secret, algorithm, digits, period };
}

/** Shape only: the vault validates origins and sites themselves when it commits. */
function readExtras(entry: Record<string, unknown>, index: number): CandidateExtras {
  const { sites, pinned, order } = entry;
  const validSites =
    Array.isArray(sites) &&
    sites.every(
      (site) =>
        isRecord(site) &&
        ((site.match === 'origin' && typeof site.origin === 'string') || (site.match === 'site' && typeof site.site === 'string')),
    );
  if (!validSites) throw new EntryProblem('invalid-sites', 'This backup entry has site bindings Tessera cannot read.');
  const cleanSites = (sites as Array<Record<string, string>>).map((site): SiteBinding =>
    site.match === 'origin' ? { match: 'origin', origin: site.origin! } : { match: 'site', site: site.site! },
  );
  return {
    sites: cleanSites,
    pinned: pinned === true,
    order: typeof order === 'number' && Number.isSafeInteger(order) ? order : index,
  };
}

function toBackupError(error: unknown): unknown {
  if (!(error instanceof ImportFormatError)) return error;
  const code: BackupFormatErrorCode =
    error.code === 'too-large' || error.code === 'too-deep' || error.code === 'truncated' || error.code === 'empty' ? error.code : 'malformed';
  return new BackupFormatError(code, error.message, { cause: error });
}
