/** Owns reading 2FAS backups (`.2fas`, schema versions 1–4), plain and password-encrypted. */
import { t } from '@/lib/i18n';
import { ForeignBackupError, decryptTwoFasServices } from '@/lib/crypto';
import { OTP_DEFAULTS, type OtpAccountData } from '@/lib/otp';
import { foreignBackupToImportError } from './errors';
import { EntryProblem, candidateFrom, importedGroup, isRecord, labelOf, readAlgorithm, readInt, readJson, readSecret, readString, toJson, withGroup } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

const MAX_SCHEMA_VERSION = 4;

export function looksLikeTwoFas(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.services) && ('schemaVersion' in json || 'servicesEncrypted' in json);
}

export async function parseTwoFas(input: unknown, options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const backup = toJson(input);
  if (!looksLikeTwoFas(backup)) throw new ImportFormatError('not-this-format', 'This is not a 2FAS backup.');
  const { schemaVersion, servicesEncrypted, reference } = backup as Record<string, unknown>;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new ImportFormatError('malformed', 'This 2FAS backup has no valid schema version.');
  }
  if (schemaVersion > MAX_SCHEMA_VERSION) {
    throw new ImportFormatError('unsupported-version', 'This 2FAS backup comes from a newer 2FAS than Tessera knows.');
  }
  let services: unknown = (backup as { services: unknown[] }).services;
  if (typeof servicesEncrypted === 'string' && servicesEncrypted !== '') {
    if (options.password === undefined || options.password === '') {
      throw new ImportFormatError('password-required', 'This 2FAS backup is encrypted: enter its password.');
    }
    let plain: Uint8Array;
    try {
      plain = await decryptTwoFasServices(servicesEncrypted, options.password, reference);
    } catch (error) {
      if (error instanceof ForeignBackupError) throw foreignBackupToImportError(error);
      throw error;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    } catch (cause) {
      throw new ImportFormatError('malformed', 'The decrypted 2FAS accounts are not text.', { cause });
    }
    services = readJson(text);
  }
  if (!Array.isArray(services)) throw new ImportFormatError('malformed', 'The 2FAS backup has no account list.');
  // Groups are listed once, in the clear even in an encrypted backup; services name theirs by `groupId`.
  const groupNames = new Map<string, string>();
  const { groups } = backup as { groups?: unknown };
  if (Array.isArray(groups)) {
    for (const group of groups) {
      if (isRecord(group) && typeof group.id === 'string' && typeof group.name === 'string') groupNames.set(group.id, group.name);
    }
  }
  return services.map((service, index) => {
    const { issuer, account } = names(service);
    const candidate = candidateFrom(labelOf(issuer, account, t('import_entry_label', index + 1)), () => convertService(service, issuer, account));
    const groupId = isRecord(service) && typeof service.groupId === 'string' ? service.groupId : undefined;
    return withGroup(candidate, groupId === undefined ? undefined : importedGroup(groupNames.get(groupId)));
  });
}

/** Like Aegis: the service `name` (what 2FAS shows) is the issuer; `otp.account`, else the label, the account. */
function names(service: unknown): { issuer: string; account: string } {
  if (!isRecord(service)) return { issuer: '', account: '' };
  const otp = isRecord(service.otp) ? service.otp : {};
  const issuer = readString(service.name) || readString(otp.issuer);
  let account = readString(otp.account);
  if (account === '') {
    const label = readString(otp.label);
    account = issuer !== '' && label.startsWith(`${issuer}:`) ? label.slice(issuer.length + 1).trim() : label;
  }
  return { issuer, account };
}

function convertService(service: unknown, issuer: string, account: string): OtpAccountData {
  if (!isRecord(service)) throw new EntryProblem('invalid-entry', 'This entry is not an account.');
  const otp = isRecord(service.otp) ? service.otp : {};
  const secret = readSecret(service.secret);
  // Schemas 1 and 2 have no tokenType: every account was TOTP then.
  const tokenType = otp.tokenType === undefined ? 'TOTP' : readString(otp.tokenType).toUpperCase();
  if (tokenType === 'STEAM') return { kind: 'steam', issuer, account, secret, ...OTP_DEFAULTS.steam };
  if (tokenType !== 'TOTP' && tokenType !== 'HOTP') {
    throw new EntryProblem('unsupported-type', 'This entry uses an OTP type Tessera does not support.');
  }
  const algorithm = readAlgorithm(otp.algorithm);
  const digits = readInt(otp.digits, OTP_DEFAULTS.digits, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (tokenType === 'HOTP') {
    const counter = readInt(otp.counter, undefined, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER);
    return { kind: 'hotp', issuer, account, secret, algorithm, digits, counter };
  }
  const period = readInt(otp.period, OTP_DEFAULTS.period, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind: 'totp', issuer, account, secret, algorithm, digits, period };
}
