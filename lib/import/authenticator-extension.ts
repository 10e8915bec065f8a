/**
 * Owns reading the JSON backups of the Authenticator browser extension (Authenticator-Extension/
 * Authenticator, `backupGetExport`): an object of entries keyed by hash or UUID.
 */
import { OTP_DEFAULTS, OtpUriError, type OtpAccountData, type OtpAlgorithm } from '@/lib/otp';
import { EntryProblem, candidateFrom, isRecord, labelOf, readAlgorithm, readInt, readSecret, readString, toJson } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

/** Its `OTPType` enum, 1-based, in the order the extension declares it. */
const TYPES = ['totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'] as const;
type ExtensionType = (typeof TYPES)[number];
/** Its `OTPAlgorithm` enum, 1-based; the GOST hashes have no WebCrypto implementation. */
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512', 'GOST3411_2012_256', 'GOST3411_2012_512'] as const;
const STORAGE_TYPES = new Set(['OTPStorage', 'EncOTPStorage', 'Key']);
const MAX_HEX_SECRET_CHARS = 2048;

const ENCRYPTED_MESSAGE =
  'This entry is encrypted with the extension\'s password, which Tessera cannot open. In the Authenticator extension, remove the password or export unencrypted first, import that file, then delete it.';

export function looksLikeAuthenticatorExtension(json: unknown): boolean {
  if (!isRecord(json)) return false;
  const values = Object.entries(json).filter(([key]) => key !== 'key');
  return (
    values.length > 0 &&
    values.every(([, value]) => isRecord(value) && (('secret' in value && 'type' in value) || STORAGE_TYPES.has(readString(value.dataType))))
  );
}

export async function parseAuthenticatorExtension(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const file = toJson(input);
  if (!looksLikeAuthenticatorExtension(file)) {
    throw new ImportFormatError('not-this-format', 'This is not a backup of the Authenticator browser extension.');
  }
  const entries = Object.entries(file as Record<string, Record<string, unknown>>)
    // `key` (v2) and `dataType: "Key"` objects hold the password check, not accounts.
    .filter(([key, value]) => key !== 'key' && value.dataType !== 'Key')
    .map(([, value]) => value)
    .sort((a, b) => order(a) - order(b));
  return entries.map((entry, index) => {
    const issuer = readString(entry.issuer);
    const account = readString(entry.account);
    const label = labelOf(issuer, account, `Entry ${index + 1}`);
    if (entry.encrypted === true || entry.dataType === 'EncOTPStorage') {
      return { ok: false, label, problem: { code: 'encrypted-entry', message: ENCRYPTED_MESSAGE } };
    }
    return candidateFrom(label, () => convertEntry(entry, issuer, account));
  });
}

function order(entry: Record<string, unknown>): number {
  return typeof entry.index === 'number' && Number.isFinite(entry.index) ? entry.index : Number.MAX_SAFE_INTEGER;
}

function convertEntry(entry: Record<string, unknown>, issuer: string, account: string): OtpAccountData {
  let type = readType(entry.type);
  let secretText = readString(entry.secret);
  // Legacy secret prefixes that carried the type before `type` existed (the extension's own import does this).
  const prefix = /^(blz|bliz|stm)-/i.exec(secretText);
  if (prefix) {
    type = prefix[1]!.toLowerCase() === 'stm' ? 'steam' : 'battle';
    secretText = secretText.slice(prefix[0].length);
  }
  const secret = type === 'hex' || type === 'hhex' ? readHex(secretText) : readSecret(secretText);
  if (type === 'steam') return { kind: 'steam', issuer, account, secret, ...OTP_DEFAULTS.steam };
  const algorithm = readExtensionAlgorithm(entry.algorithm);
  // Battle.net authenticators show 8-digit codes; the extension writes no digits for them.
  const digits = readInt(entry.digits, type === 'battle' ? 8 : OTP_DEFAULTS.digits, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (type === 'hotp' || type === 'hhex') {
    const counter = readInt(entry.counter, 0, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER);
    return { kind: 'hotp', issuer, account, secret, algorithm, digits, counter };
  }
  const period = readInt(entry.period, OTP_DEFAULTS.period, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind: 'totp', issuer, account, secret, algorithm, digits, period };
}

function readType(value: unknown): ExtensionType {
  if (value === undefined || value === null || value === '') return 'totp';
  const text = String(value).trim().toLowerCase();
  const byNumber = /^[1-6]$/.test(text) ? TYPES[Number(text) - 1] : undefined;
  const type = byNumber ?? TYPES.find((name) => name === text);
  if (type === undefined) throw new EntryProblem('unsupported-type', 'This entry uses an OTP type Tessera does not support.');
  return type;
}

function readExtensionAlgorithm(value: unknown): OtpAlgorithm {
  const text = value === undefined || value === null ? '' : String(value).trim();
  const name = /^[1-5]$/.test(text) ? ALGORITHMS[Number(text) - 1]! : text;
  if (name.toUpperCase().startsWith('GOST')) {
    throw new OtpUriError('unsupported-algorithm', 'This entry uses a GOST hash, which Tessera does not support.');
  }
  return readAlgorithm(name);
}

function readHex(text: string): Uint8Array {
  const hex = text.replace(/\s+/g, '');
  if (hex === '') throw new EntryProblem('missing-secret', 'This entry has no secret.');
  if (hex.length > MAX_HEX_SECRET_CHARS || !/^(?:[0-9a-f]{2})+$/i.test(hex)) {
    throw new EntryProblem('invalid-secret', 'This entry\'s hex secret is not valid hex.');
  }
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}
