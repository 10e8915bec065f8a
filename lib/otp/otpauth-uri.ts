/**
 * Google Authenticator Key URIs (`otpauth://totp|hotp|steam/LABEL?...`): a lenient parser for what
 * real QR codes contain and a canonical formatter whose output this parser reads back unchanged.
 */
import { decodeBase32, encodeBase32 } from './base32';
import { OTP_DEFAULTS } from './defaults';
import { OtpUriError } from './errors';
import { readTwoStepParams, type TwoStepParams } from './two-step';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from './types';

export type OtpauthUriDetails = OtpAccountData & { twoStep?: TwoStepParams };

// scheme "://" authority path? query? — anything after the first '?' is the query, and '#' is data:
// an unencoded '#' in an account name is common and otpauth URIs never carry a fragment.
const URI_PATTERN = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)([^?]*)(?:\?(.*))?$/s;
const LABEL_SEPARATOR = /:|%3a/i;

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new OtpUriError('malformed-uri', 'The URI contains malformed percent-encoding.', { cause });
  }
}

/** application/x-www-form-urlencoded semantics for values: `+` is a space (real exports write `issuer=Air+Canada`). */
function readQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = percentDecode((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ')).toLowerCase();
    const value = eq === -1 ? '' : percentDecode(pair.slice(eq + 1).replace(/\+/g, ' '));
    params.set(name, value); // the last duplicate wins, as in pyotp
  }
  return params;
}

/** `SHA1`, `sha256`, `SHA-256`, `sha_512` … → the canonical name, or `unsupported-algorithm`. */
export function normalizeAlgorithm(value: string): OtpAlgorithm {
  const name = value.trim().toUpperCase().replace(/[-_ ]/g, '');
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new OtpUriError('unsupported-algorithm', 'The URI names a hash algorithm Tessera does not support.');
}

function readInteger(value: string, max: number): number | undefined {
  const text = value.trim();
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const number = Number(text);
  return number <= max ? number : undefined;
}

/**
 * Issuer and account from the raw (still percent-encoded) label and the issuer parameter.
 * The parameter wins over a different label prefix; the label's account part is kept either way.
 */
function splitLabel(rawLabel: string, issuerParam: string): { issuer: string; account: string } {
  if (issuerParam !== '') {
    // The exact "issuer:" prefix first, so that colons inside an issuer survive the round trip.
    const decoded = percentDecode(rawLabel);
    if (decoded.startsWith(`${issuerParam}:`)) {
      return { issuer: issuerParam, account: decoded.slice(issuerParam.length + 1).trim() };
    }
  }
  // Split before decoding, on ':' or '%3A' (the wiki's ABNF), so an encoded colon in the issuer part
  // cannot move the split.
  const match = LABEL_SEPARATOR.exec(rawLabel);
  if (!match) return { issuer: issuerParam, account: percentDecode(rawLabel).trim() };
  const prefix = percentDecode(rawLabel.slice(0, match.index)).trim();
  const account = percentDecode(rawLabel.slice(match.index + match[0].length)).trim();
  return { issuer: issuerParam !== '' ? issuerParam : prefix, account };
}

/** Parses a Key URI and also reports privacyIDEA 2step parameters when present. */
export function parseOtpauthUriDetailed(uri: string): OtpauthUriDetails {
  if (typeof uri !== 'string') throw new TypeError('uri must be a string');
  if (uri.length > OTP_DEFAULTS.maxUriLength) {
    throw new OtpUriError('too-long', `The URI is longer than ${OTP_DEFAULTS.maxUriLength} characters.`);
  }
  const match = URI_PATTERN.exec(uri.trim());
  if (!match || match[1]!.toLowerCase() !== 'otpauth') {
    throw new OtpUriError('wrong-scheme', 'This is not an otpauth:// URI.');
  }
  const type = match[2]!.toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new OtpUriError('unknown-type', 'The URI type must be totp, hotp or steam.');
  }
  const rawLabel = match[3]!.replace(/^\//, '');
  const params = readQuery(match[4] ?? '');

  const secretText = params.get('secret') ?? '';
  if (secretText.replace(/[\s=-]/g, '') === '') {
    throw new OtpUriError('missing-secret', 'The URI has no secret.');
  }
  const secret = decodeBase32(secretText);
  if (secret.length === 0) throw new OtpUriError('missing-secret', 'The URI has no secret.');

  const { issuer, account } = splitLabel(rawLabel, (params.get('issuer') ?? '').trim());
  const kind: OtpKind = type === 'steam' || params.get('encoder')?.trim().toLowerCase() === 'steam' ? 'steam' : type;

  let data: OtpAccountData;
  if (kind === 'steam') {
    // Steam codes are fixed by the app; whatever digits/period/algorithm a URI claims does not apply.
    const { algorithm, digits, period } = OTP_DEFAULTS.steam;
    data = { kind, issuer, account, secret, algorithm, digits, period };
  } else {
    const algorithmText = params.get('algorithm') ?? '';
    const algorithm = algorithmText.trim() === '' ? OTP_DEFAULTS.algorithm : normalizeAlgorithm(algorithmText);
    const digitsText = params.get('digits') ?? '';
    const digits = digitsText.trim() === '' ? OTP_DEFAULTS.digits : readInteger(digitsText, OTP_DEFAULTS.maxDigits);
    if (digits === undefined || digits < OTP_DEFAULTS.minDigits) {
      throw new OtpUriError(
        'digits-out-of-range',
        `digits must be an integer from ${OTP_DEFAULTS.minDigits} to ${OTP_DEFAULTS.maxDigits}.`,
      );
    }
    if (kind === 'hotp') {
      const counterText = params.get('counter');
      const counter = counterText === undefined ? undefined : readInteger(counterText, Number.MAX_SAFE_INTEGER);
      if (counter === undefined) {
        throw new OtpUriError('bad-counter', 'An hotp URI needs a counter from 0 to 2^53 - 1.');
      }
      data = { kind, issuer, account, secret, algorithm, digits, counter };
    } else {
      const periodText = params.get('period') ?? '';
      const period = periodText.trim() === '' ? OTP_DEFAULTS.period : readInteger(periodText, OTP_DEFAULTS.maxPeriod);
      if (period === undefined || period < 1) {
        throw new OtpUriError('period-out-of-range', `period must be an integer from 1 to ${OTP_DEFAULTS.maxPeriod} seconds.`, {
          params: [OTP_DEFAULTS.maxPeriod],
        });
      }
      data = { kind, issuer, account, secret, algorithm, digits, period };
    }
  }
  const twoStep = readTwoStepParams(params, data.algorithm);
  return twoStep ? { ...data, twoStep } : data;
}

/**
 * Parses a Key URI into account data (the `image` parameter and unknown parameters are ignored).
 * A privacyIDEA 2step URI is refused: its secret is only the server half, and storing it as the
 * account's secret would give codes the server never accepts. Enrollment paths call
 * `parseOtpauthUriDetailed` and complete it (`lib/accounts/two-step-enrollment.ts`).
 */
export function parseOtpauthUri(uri: string): OtpAccountData {
  const { twoStep, ...data } = parseOtpauthUriDetailed(uri);
  if (twoStep) throw new OtpUriError('two-step-enrollment', TWO_STEP_REFUSAL);
  return data;
}

export const TWO_STEP_REFUSAL = 'Two-step enrollment (privacyIDEA): this code holds only half of the secret. Scan it from the enrollment page.';

function encodePart(text: string, name: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new RangeError(`${name} must not contain unpaired surrogates`);
  }
}

/** Checks account data before it is written anywhere; wrong values are RangeErrors naming the field. */
export function assertAccountData(data: OtpAccountData): void {
  if (typeof data !== 'object' || data === null) throw new TypeError('data must be an object');
  if (data.kind !== 'totp' && data.kind !== 'hotp' && data.kind !== 'steam') {
    throw new RangeError('kind must be totp, hotp or steam');
  }
  if (typeof data.issuer !== 'string' || typeof data.account !== 'string') {
    throw new TypeError('issuer and account must be strings');
  }
  if (!(data.secret instanceof Uint8Array) || data.secret.length === 0) {
    throw new RangeError('secret must be a non-empty Uint8Array');
  }
  if (data.kind === 'steam') return;
  if (!['SHA1', 'SHA256', 'SHA512'].includes(data.algorithm)) {
    throw new RangeError('algorithm must be one of SHA1, SHA256, SHA512');
  }
  if (!Number.isInteger(data.digits) || data.digits < OTP_DEFAULTS.minDigits || data.digits > OTP_DEFAULTS.maxDigits) {
    throw new RangeError(`digits must be an integer from ${OTP_DEFAULTS.minDigits} to ${OTP_DEFAULTS.maxDigits}`);
  }
  if (data.kind === 'hotp') {
    if (!Number.isSafeInteger(data.counter) || data.counter! < 0) {
      throw new RangeError('counter must be an integer from 0 to 2^53 - 1');
    }
  } else if (!Number.isInteger(data.period) || data.period! < 1 || data.period! > OTP_DEFAULTS.maxPeriod) {
    throw new RangeError(`period must be an integer from 1 to ${OTP_DEFAULTS.maxPeriod}`);
  }
}

/**
 * Writes the canonical URI: issuer as label prefix and parameter, percent-encoded parts (a colon
 * inside a part becomes `%3A`), unpadded upper-case secret, every parameter spelled out. Steam is
 * written as `otpauth://steam/...` (Aegis, andOTP and ente read that form).
 */
export function formatOtpauthUri(data: OtpAccountData): string {
  assertAccountData(data);
  const issuer = data.issuer.trim();
  const account = data.account.trim();
  const encodedIssuer = encodePart(issuer, 'issuer');
  const encodedAccount = encodePart(account, 'account');
  // With no issuer, a colon in the account would be read as a separator: an empty prefix prevents it.
  const label = issuer !== '' ? `${encodedIssuer}:${encodedAccount}` : account.includes(':') ? `:${encodedAccount}` : encodedAccount;
  const steam = data.kind === 'steam' ? OTP_DEFAULTS.steam : undefined;
  const query = [`secret=${encodeBase32(data.secret)}`];
  if (issuer !== '') query.push(`issuer=${encodedIssuer}`);
  query.push(`algorithm=${steam?.algorithm ?? data.algorithm}`, `digits=${steam?.digits ?? data.digits}`);
  query.push(data.kind === 'hotp' ? `counter=${data.counter}` : `period=${steam?.period ?? data.period}`);
  const uri = `otpauth://${data.kind}/${label}?${query.join('&')}`;
  if (uri.length > OTP_DEFAULTS.maxUriLength) {
    throw new OtpUriError('too-long', `The URI would be longer than ${OTP_DEFAULTS.maxUriLength} characters.`);
  }
  return uri;
}
