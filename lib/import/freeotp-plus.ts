/** Owns reading FreeOTP+ JSON exports (`{ tokenOrder, tokens }`, FreeOTPPlus ImportExportUtil / Token). */
import { t } from '@/lib/i18n';
import { OTP_DEFAULTS, type OtpAccountData } from '@/lib/otp';
import { EntryProblem, candidateFrom, isRecord, labelOf, readAlgorithm, readInt, readString, toJson } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

const MAX_SECRET_BYTES = 1024;

export function looksLikeFreeOtpPlus(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.tokens);
}

export async function parseFreeOtpPlus(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const file = toJson(input);
  if (!looksLikeFreeOtpPlus(file)) throw new ImportFormatError('not-this-format', 'This is not a FreeOTP+ export.');
  return ((file as { tokens: unknown[] }).tokens).map((token, index) => {
    const { issuer, account } = names(token);
    return candidateFrom(labelOf(issuer, account, t('import_entry_label', index + 1)), () => convertToken(token, issuer, account));
  });
}

/** `issuerAlt` / `labelAlt` are the user's renames in FreeOTP+ and win over the enrolled values. */
function names(token: unknown): { issuer: string; account: string } {
  if (!isRecord(token)) return { issuer: '', account: '' };
  return {
    issuer: readString(token.issuerAlt) || readString(token.issuerExt) || readString(token.issuerInt),
    account: readString(token.labelAlt) || readString(token.label),
  };
}

function convertToken(token: unknown, issuer: string, account: string): OtpAccountData {
  if (!isRecord(token)) throw new EntryProblem('invalid-entry', 'This entry is not a token.');
  const secret = readByteArray(token.secret);
  const type = readString(token.type).toUpperCase();
  // FreeOTP(+) marks Steam by the issuer alone (legacy Token.java), whatever the type says.
  if (readString(token.issuerExt) === 'Steam') return { kind: 'steam', issuer, account, secret, ...OTP_DEFAULTS.steam };
  if (type !== 'TOTP' && type !== 'HOTP') throw new EntryProblem('unsupported-type', 'This entry uses an OTP type Tessera does not support.');
  const algorithm = readAlgorithm(token.algo);
  const digits = readInt(token.digits, OTP_DEFAULTS.digits, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (type === 'HOTP') {
    // FreeOTP stores the counter of the code it last showed (URI counter − 1, it post-increments);
    // Tessera stores the next counter to use, so the next code FreeOTP+ would show comes first here.
    const stored = readInt(token.counter, undefined, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER - 1);
    return { kind: 'hotp', issuer, account, secret, algorithm, digits, counter: stored + 1 };
  }
  const period = readInt(token.period, OTP_DEFAULTS.period, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind: 'totp', issuer, account, secret, algorithm, digits, period };
}

/** A Java `byte[]` serialised by Gson: integers −128…127 (0…255 accepted too, masked the same way). */
function readByteArray(value: unknown): Uint8Array {
  if (!Array.isArray(value) || value.length === 0) throw new EntryProblem('missing-secret', 'This entry has no secret.');
  if (value.length > MAX_SECRET_BYTES) throw new EntryProblem('invalid-secret', 'This entry has an implausibly long secret.');
  const out = new Uint8Array(value.length);
  value.forEach((byte, i) => {
    if (typeof byte !== 'number' || !Number.isInteger(byte) || byte < -128 || byte > 255) {
      throw new EntryProblem('invalid-secret', 'This entry has a secret that is not a byte array.');
    }
    out[i] = byte & 0xff;
  });
  return out;
}
