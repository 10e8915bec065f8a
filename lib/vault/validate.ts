/** Owns the checks and normalisation of everything callers hand to the vault, before anything is written. */
import { isLoopbackHost, isTrustworthyOrigin, originOf, registrableDomain } from '../sites';
import { OTP_ALGORITHMS, OTP_DEFAULTS, TWO_STEP_LIMITS, withoutFormatCharacters, type OtpAccountData, type OtpKind } from '@/lib/otp';
import { VaultInputError } from './errors';
import type { AccountUpdate, NewAccountInput, NewEnrollmentStep, SiteBinding } from './types';

export const MAX_SECRET_BYTES = 1024;
export const MAX_LABEL_LENGTH = 256;
export const MAX_SITES = 64;
/** Groups are short names shown as chips; longer text belongs in the account name. */
export const MAX_GROUP_LENGTH = 32;

const KINDS: readonly OtpKind[] = ['totp', 'hotp', 'steam'];

/** A validated, normalised account: labels trimmed, defaults filled, steam parameters fixed. */
export type ValidAccount = OtpAccountData & {
  sites: SiteBinding[];
  deviceBound: boolean;
  enrollment?: NewEnrollmentStep;
  group: string | null;
};


export function validateNewAccount(input: NewAccountInput, index?: number): ValidAccount {
  const fail = (code: ConstructorParameters<typeof VaultInputError>[0], message: string): never => {
    throw new VaultInputError(code, message, { index });
  };
  if (typeof input !== 'object' || input === null) fail('invalid-kind', 'The account is missing.');
  if (!KINDS.includes(input.kind)) fail('invalid-kind', 'The account type must be totp, hotp or steam.');
  const { secret } = input;
  if (!(secret instanceof Uint8Array) || secret.length < 1 || secret.length > MAX_SECRET_BYTES) {
    fail('invalid-secret', `The secret must be 1 to ${MAX_SECRET_BYTES} bytes long.`);
  }
  const issuer = validateLabel(input.issuer, 'issuer', index);
  const account = validateLabel(input.account, 'account', index);
  const sites = input.sites === undefined ? [] : validateSites(input.sites, index);
  const deviceBound = input.deviceBound ?? false;
  if (typeof deviceBound !== 'boolean') fail('invalid-flag', 'deviceBound must be true or false.');
  const enrollment = input.enrollment === undefined ? undefined : validateEnrollment(input.enrollment, index);
  const group = validateGroup(input.group, index);
  const common = { issuer, account, secret: new Uint8Array(secret), sites, deviceBound, group, ...(enrollment && { enrollment }) };

  if (input.kind === 'steam') {
    // Steam's parameters are fixed by Steam; a parser that says otherwise is describing the same account.
    const { algorithm, digits, period } = OTP_DEFAULTS.steam;
    return { kind: 'steam', algorithm, digits, period, ...common };
  }
  if (!(OTP_ALGORITHMS as readonly unknown[]).includes(input.algorithm)) {
    fail('invalid-algorithm', 'The algorithm must be SHA1, SHA256 or SHA512.');
  }
  const { digits } = input;
  if (!Number.isInteger(digits) || digits < OTP_DEFAULTS.minDigits || digits > OTP_DEFAULTS.maxDigits) {
    fail('invalid-digits', `Codes must have ${OTP_DEFAULTS.minDigits} to ${OTP_DEFAULTS.maxDigits} digits.`);
  }
  if (input.kind === 'totp') {
    const period = input.period ?? OTP_DEFAULTS.period;
    if (!Number.isInteger(period) || period < 1 || period > OTP_DEFAULTS.maxPeriod) {
      fail('invalid-period', `The period must be a whole number of seconds from 1 to ${OTP_DEFAULTS.maxPeriod}.`);
    }
    return { kind: 'totp', algorithm: input.algorithm, digits, period, ...common };
  }
  const counter = input.counter ?? OTP_DEFAULTS.counter;
  if (!Number.isSafeInteger(counter) || counter < 0) {
    fail('invalid-counter', 'The counter must be a whole number from 0 to 2^53 - 1.');
  }
  return { kind: 'hotp', algorithm: input.algorithm, digits, counter, ...common };
}

function validateEnrollment(step: NewEnrollmentStep, index?: number): NewEnrollmentStep {
  const fail = (message: string): never => {
    throw new VaultInputError('invalid-enrollment', message, { index });
  };
  if (typeof step !== 'object' || step === null || step.kind !== 'two-step') return fail('The enrollment step must be a two-step one.');
  const { clientPart, origin } = step;
  if (!(clientPart instanceof Uint8Array) || clientPart.length < 1 || clientPart.length > TWO_STEP_LIMITS.saltBytes) {
    return fail(`The client part must be 1 to ${TWO_STEP_LIMITS.saltBytes} bytes long.`);
  }
  if (origin !== null && (typeof origin !== 'string' || canonicalOr(() => originOf(origin)) !== origin)) {
    return fail('The enrollment page must be an origin such as https://example.com.');
  }
  // The phone part is the other half of the secret: never kept for filling into plain http.
  if (origin !== null && !isTrustworthyOrigin(origin)) {
    return fail('The phone part is filled only into https pages (or a server on this computer).');
  }
  return { kind: 'two-step', origin, clientPart: new Uint8Array(clientPart) };
}

export function validateUpdate(patch: AccountUpdate): AccountUpdate {
  if (typeof patch !== 'object' || patch === null) {
    throw new VaultInputError('invalid-label', 'The change is missing.');
  }
  const out: AccountUpdate = {};
  if (patch.issuer !== undefined) out.issuer = validateLabel(patch.issuer, 'issuer');
  if (patch.account !== undefined) out.account = validateLabel(patch.account, 'account');
  if (patch.sites !== undefined) out.sites = validateSites(patch.sites);
  if (patch.pinned !== undefined) {
    if (typeof patch.pinned !== 'boolean') throw new VaultInputError('invalid-flag', 'pinned must be true or false.');
    out.pinned = patch.pinned;
  }
  if (patch.submitAfterFill !== undefined) {
    if (typeof patch.submitAfterFill !== 'boolean') {
      throw new VaultInputError('invalid-flag', 'submitAfterFill must be true or false.');
    }
    out.submitAfterFill = patch.submitAfterFill;
  }
  if (patch.counter !== undefined) {
    if (!Number.isSafeInteger(patch.counter) || patch.counter < 0) {
      throw new VaultInputError('invalid-counter', 'The counter must be a whole number, 0 or more.');
    }
    out.counter = patch.counter;
  }
  if (patch.group !== undefined) out.group = validateGroup(patch.group);
  return out;
}

function validateLabel(value: unknown, field: 'issuer' | 'account', index?: number): string {
  if (typeof value !== 'string') {
    throw new VaultInputError('invalid-label', `The ${field} must be text.`, { index });
  }
  const trimmed = withoutFormatCharacters(value).trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length > MAX_LABEL_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new VaultInputError(
      'invalid-label',
      `The ${field} must be at most ${MAX_LABEL_LENGTH} characters without control characters.`,
      { index },
    );
  }
  return trimmed;
}

/**
 * A group name as stored: Unicode format characters (bidi overrides, zero-width joiners, which
 * could make two names look alike or reorder a chip's text) dropped, NFC, inner spaces collapsed,
 * trimmed. Empty, null or undefined means "no group" (null); control characters or more than
 * MAX_GROUP_LENGTH characters are refused.
 */
export function validateGroup(value: unknown, index?: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new VaultInputError('invalid-group', 'A group name must be text.', { index, params: [MAX_GROUP_LENGTH] });
  // The same rule as account names (lib/otp/names.ts), then the spacing a chip needs.
  const cleaned = withoutFormatCharacters(value).normalize('NFC').replace(/\s+/gu, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(cleaned)) {
    throw new VaultInputError('invalid-group', 'A group name cannot contain control characters.', { index, params: [MAX_GROUP_LENGTH] });
  }
  if ([...cleaned].length > MAX_GROUP_LENGTH) {
    throw new VaultInputError('invalid-group', `A group name can be at most ${MAX_GROUP_LENGTH} characters.`, { index, params: [MAX_GROUP_LENGTH] });
  }
  return cleaned === '' ? null : cleaned;
}

/**
 * The spelling a validated group name is stored under: an existing group that differs only in
 * case keeps its spelling, so "work" joins "Work" instead of making a second chip.
 */
export function canonicalGroup(name: string | null, existing: Iterable<string | null | undefined>): string | null {
  if (name === null) return null;
  const key = fold(name);
  for (const group of existing) if (group && fold(group) === key) return group;
  return name;
}

/**
 * Origins must be exact `https://host[:port]` (what `URL#origin` prints); sites must be
 * registrable domains in lowercase ASCII (punycode), so matching later is a string compare.
 */
export function validateSites(sites: unknown, index?: number): SiteBinding[] {
  const fail = (message: string): never => {
    throw new VaultInputError('invalid-site', message, { index });
  };
  if (!Array.isArray(sites)) fail('Sites must be a list.');
  const list = sites as unknown[];
  if (list.length > MAX_SITES) fail(`An account can be bound to at most ${MAX_SITES} sites.`);
  const seen = new Set<string>();
  const out: SiteBinding[] = [];
  for (const entry of list) {
    const binding = validateSite(entry, fail);
    const key = binding.match === 'origin' ? `o:${binding.origin}` : `s:${binding.site}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(binding);
  }
  return out;
}

/** One rule for what a binding may be: the site-binding module's own normalisation. */
function validateSite(entry: unknown, fail: (message: string) => never): SiteBinding {
  if (typeof entry !== 'object' || entry === null) return fail('A site binding is missing.');
  const { match, origin, site } = entry as Record<string, unknown>;
  if (match === 'origin') {
    if (typeof origin !== 'string') return fail('An origin must be text.');
    const canonical = canonicalOr(() => originOf(origin));
    const bindable = canonical !== null && (canonical.startsWith('https://') || isLoopbackHost(new URL(canonical).hostname));
    if (canonical !== origin || !bindable) {
      return fail('An origin must look like https://example.com (https, no path, lowercase).');
    }
    return { match: 'origin', origin };
  }
  if (match === 'site') {
    if (typeof site !== 'string' || canonicalOr(() => registrableDomain(site)) !== site) {
      return fail('A site must be a registrable domain such as example.com.');
    }
    return { match: 'site', site };
  }
  return fail('A site binding must match an origin or a site.');
}

function canonicalOr(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The identity used for duplicate detection: case-insensitive, trimmed issuer + account. */
export function labelKey(issuer: string, account: string): string {
  return `${fold(issuer)}\u0000${fold(account)}`;
}

function fold(label: string): string {
  return withoutFormatCharacters(label).normalize('NFC').trim().toLowerCase();
}
