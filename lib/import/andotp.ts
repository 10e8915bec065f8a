/** Owns reading andOTP plain JSON backups (a JSON array of entries, andOTP `Entry.toJSON`). */
import { t } from '@/lib/i18n';
import { OTP_DEFAULTS, type OtpAccountData } from '@/lib/otp';
import { EntryProblem, candidateFrom, isRecord, labelOf, readAlgorithm, readInt, readSecret, readString, toJson } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

export function looksLikeAndOtp(json: unknown): boolean {
  return Array.isArray(json) && json.length > 0 && json.every((entry) => isRecord(entry) && 'secret' in entry && 'type' in entry);
}

export async function parseAndOtp(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const entries = toJson(input);
  if (Array.isArray(entries) && entries.length === 0) return [];
  if (!looksLikeAndOtp(entries)) throw new ImportFormatError('not-this-format', 'This is not an andOTP backup.');
  return (entries as Record<string, unknown>[]).map((entry, index) => {
    const { issuer, account } = names(entry);
    return candidateFrom(labelOf(issuer, account, t('import_entry_label', index + 1)), () => convertEntry(entry, issuer, account));
  });
}

/** Old andOTP versions had no `issuer` and wrote `label = "Issuer - Account"` (split as Aegis does). */
function names(entry: Record<string, unknown>): { issuer: string; account: string } {
  const issuer = readString(entry.issuer);
  const label = readString(entry.label);
  if (issuer === '' && label.includes(' - ')) {
    const at = label.indexOf(' - ');
    return { issuer: label.slice(0, at).trim(), account: label.slice(at + 3).trim() };
  }
  return { issuer, account: label };
}

function convertEntry(entry: Record<string, unknown>, issuer: string, account: string): OtpAccountData {
  const type = readString(entry.type).toUpperCase();
  const secret = readSecret(entry.secret);
  // andOTP writes no period for Steam; Steam's own constants apply.
  if (type === 'STEAM') return { kind: 'steam', issuer, account, secret, ...OTP_DEFAULTS.steam };
  if (type !== 'TOTP' && type !== 'HOTP') throw new EntryProblem('unsupported-type', 'This entry uses an OTP type Tessera does not support.');
  const algorithm = readAlgorithm(entry.algorithm);
  const digits = readInt(entry.digits, OTP_DEFAULTS.digits, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (type === 'HOTP') {
    const counter = readInt(entry.counter, undefined, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER);
    return { kind: 'hotp', issuer, account, secret, algorithm, digits, counter };
  }
  const period = readInt(entry.period, OTP_DEFAULTS.period, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind: 'totp', issuer, account, secret, algorithm, digits, period };
}
