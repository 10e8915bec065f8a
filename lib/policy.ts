/**
 * Owns the administrator's managed policy (`storage.managed`): reading it defensively, what it
 * overrides in the user's settings, and the rules the worker enforces with it (no browser calls).
 */
import { TesseraError } from './errors';
import type { Settings } from './settings';
import { normalizeHost, registrableDomain } from './sites/binding';

/**
 * The vault's own floor (MIN_PASSPHRASE_LENGTH in lib/vault/lock.ts), repeated rather than imported:
 * lock.ts imports the vault, which imports this module. A unit test keeps the two equal.
 */
export const BUILT_IN_MIN_PASSPHRASE_LENGTH = 8;

/** Every key an administrator may set; absent means "not managed". See public/managed_schema.json. */
export interface ManagedPolicy {
  requirePassphrase?: boolean;
  passphraseMinLength?: number;
  /** Regular-expression source (no slashes, no flags); the passphrase must match it somewhere. */
  passphrasePattern?: string;
  passphraseHint?: string;
  autoLockMinutes?: number;
  disableExport?: boolean;
  deviceBoundOnly?: boolean;
  disableAutofill?: boolean;
  disableInPageButton?: boolean;
  /** Normalised hosts / registrable domains; capture works on them and their subdomains only. */
  captureAllowedDomains?: string[];
}

export type PolicyKey = keyof ManagedPolicy;

/** A value the administrator set that Tessera ignored, and why (shown on the manage page). */
export interface PolicyIssue {
  key: string;
  reason: string;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  issues: PolicyIssue[];
}

export const NO_POLICY: ManagedPolicy = Object.freeze({});

export const POLICY_LIMITS = {
  passphraseMinLength: { min: 1, max: 1024 },
  autoLockMinutes: { min: 1, max: 1440 },
  patternChars: 1000,
  hintChars: 500,
  domains: 200,
} as const;

export type PolicyErrorCode =
  | 'export-disabled'
  | 'device-bound-only'
  | 'autofill-disabled'
  | 'capture-not-allowed'
  | 'passphrase-required'
  | 'passphrase-too-short'
  | 'passphrase-rule'
  | 'passphrase-removal-refused';

/** Something the organisation's policy does not allow; the message says so in plain words. */
export class PolicyError extends TesseraError {
  declare readonly code: PolicyErrorCode;
  constructor(code: PolicyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

const BOOLEAN_KEYS = ['requirePassphrase', 'disableExport', 'deviceBoundOnly', 'disableAutofill', 'disableInPageButton'] as const;

/**
 * Reads whatever `storage.managed` returned. Unknown keys are ignored silently (a newer schema);
 * known keys with a wrong type or value are ignored with a reason, never half-applied.
 */
export function parsePolicy(raw: unknown): ParsedPolicy {
  const policy: ManagedPolicy = {};
  const issues: PolicyIssue[] = [];
  if (raw === null || raw === undefined) return { policy, issues };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { policy, issues: [{ key: '(policy)', reason: 'The managed policy is not an object; it was ignored.' }] };
  }
  const source = raw as Record<string, unknown>;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(source, key) && source[key] !== undefined;

  for (const key of BOOLEAN_KEYS) {
    if (!has(key)) continue;
    if (typeof source[key] === 'boolean') policy[key] = source[key];
    else issues.push({ key, reason: 'must be true or false' });
  }

  const integer = (key: 'passphraseMinLength' | 'autoLockMinutes') => {
    if (!has(key)) return;
    const value = source[key];
    const { min, max } = POLICY_LIMITS[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) issues.push({ key, reason: 'must be a whole number' });
    else if (value < min || value > max) issues.push({ key, reason: `must be between ${min} and ${max}` });
    else policy[key] = value;
  };
  integer('passphraseMinLength');
  integer('autoLockMinutes');

  if (has('passphrasePattern')) {
    const value = source.passphrasePattern;
    if (typeof value !== 'string' || value === '') issues.push({ key: 'passphrasePattern', reason: 'must be a non-empty text' });
    else if (value.length > POLICY_LIMITS.patternChars) {
      issues.push({ key: 'passphrasePattern', reason: `must be at most ${POLICY_LIMITS.patternChars} characters` });
    } else {
      try {
        new RegExp(value);
        policy.passphrasePattern = value;
      } catch {
        issues.push({ key: 'passphrasePattern', reason: 'is not a valid regular expression' });
      }
    }
  }

  if (has('passphraseHint')) {
    const value = source.passphraseHint;
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed === '') issues.push({ key: 'passphraseHint', reason: 'must be a non-empty text' });
    else policy.passphraseHint = trimmed.slice(0, POLICY_LIMITS.hintChars);
  }

  if (has('captureAllowedDomains')) {
    const value = source.captureAllowedDomains;
    if (!Array.isArray(value)) {
      issues.push({ key: 'captureAllowedDomains', reason: 'must be a list of domains' });
    } else {
      // Fail closed: a list whose every entry is wrong still restricts capture (to nowhere).
      const domains: string[] = [];
      for (const entry of value.slice(0, POLICY_LIMITS.domains)) {
        const normal = allowedDomainEntry(entry);
        if (typeof normal === 'string') {
          if (!domains.includes(normal)) domains.push(normal);
        } else {
          issues.push({ key: 'captureAllowedDomains', reason: normal.reason });
        }
      }
      if (value.length > POLICY_LIMITS.domains) {
        issues.push({ key: 'captureAllowedDomains', reason: `only the first ${POLICY_LIMITS.domains} entries are used` });
      }
      policy.captureAllowedDomains = domains;
    }
  }
  return { policy, issues };
}

/** `example.com`, `login.example.com`, `*.example.com` → a canonical host; a public suffix is refused. */
function allowedDomainEntry(entry: unknown): string | { reason: string } {
  if (typeof entry !== 'string') return { reason: 'an entry is not text' };
  const text = entry.trim().replace(/^\*\./, '');
  try {
    const host = normalizeHost(text);
    // `com` or `github.io` would allow every site under it: never what an administrator means.
    registrableDomain(host);
    return host;
  } catch {
    return { reason: `"${text.slice(0, 100)}" is not a domain Tessera can match` };
  }
}

export function isPolicyActive(policy: ManagedPolicy): boolean {
  return Object.keys(policy).length > 0;
}

/** True when no account's secret may leave the vault (export, backup, QR, transfer). */
export function exportBlocked(policy: ManagedPolicy): boolean {
  return policy.disableExport === true || policy.deviceBoundOnly === true;
}

/** The gate `exportableSecret` and every export handler pass through first. */
export function assertExportAllowed(policy: ManagedPolicy): void {
  if (policy.deviceBoundOnly) {
    throw new PolicyError(
      'device-bound-only',
      'Your organisation keeps every account on this device only: no secret can be exported, backed up or shown as a QR code.',
    );
  }
  if (policy.disableExport) {
    throw new PolicyError('export-disabled', 'Your organisation has turned off export and backup in Tessera.');
  }
}

/** What a new account (manual, capture, import, restore) is stored as. */
export function forcedDeviceBound(requested: boolean | undefined, policy: ManagedPolicy): boolean {
  return policy.deviceBoundOnly === true || requested === true;
}

export function assertAutofillAllowed(policy: ManagedPolicy): void {
  if (policy.disableAutofill) {
    throw new PolicyError('autofill-disabled', 'Your organisation has turned off filling codes into pages. Copy the code instead.');
  }
}

/** The in-page fill button is off whatever the user chose (it fills, so "no autofill" turns it off too). */
export function policyDisablesInPageButton(policy: ManagedPolicy): boolean {
  return policy.disableInPageButton === true || policy.disableAutofill === true;
}

/** The passphrase must be set (device mode refused) while this is true. */
export function passphraseRequired(policy: ManagedPolicy, mode: 'device' | 'passphrase'): boolean {
  return policy.requirePassphrase === true && mode === 'device';
}

export function assertPassphraseRemovable(policy: ManagedPolicy): void {
  if (policy.requirePassphrase) {
    throw new PolicyError('passphrase-removal-refused', 'Your organisation requires a passphrase: it cannot be removed.');
  }
}

/** The shortest passphrase accepted: the built-in floor or the organisation's, whichever is longer. */
export function minPassphraseLength(policy: ManagedPolicy): number {
  return Math.max(BUILT_IN_MIN_PASSPHRASE_LENGTH, policy.passphraseMinLength ?? 0);
}

/** Checks a new passphrase against the organisation's rule; the error names what is wrong. */
export function checkPassphrase(passphrase: string, policy: ManagedPolicy): void {
  if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  const min = minPassphraseLength(policy);
  if ([...passphrase].length < min) {
    throw new PolicyError('passphrase-too-short', `The passphrase must have at least ${min} characters.`);
  }
  if (policy.passphrasePattern !== undefined && !new RegExp(policy.passphrasePattern).test(passphrase)) {
    throw new PolicyError(
      'passphrase-rule',
      policy.passphraseHint
        ? `This passphrase does not follow your organisation's rule: ${policy.passphraseHint}`
        : "This passphrase does not follow your organisation's rule. Ask your administrator what it requires.",
    );
  }
}

/** What the policy changes in the user's settings; `managed` names the settings the user cannot change. */
export type EffectiveSettings = Omit<Settings, 'autoLockMinutes'> & { autoLockMinutes: number };

export function effectiveSettings(settings: Settings, policy: ManagedPolicy): EffectiveSettings {
  return policy.autoLockMinutes === undefined ? settings : { ...settings, autoLockMinutes: policy.autoLockMinutes };
}

export function managedSettings(policy: ManagedPolicy): ReadonlySet<keyof Settings> {
  return new Set(policy.autoLockMinutes === undefined ? [] : (['autoLockMinutes'] as const));
}

/** True when capture may run on `url` (an http(s) page): no list, or its host is listed or under a listed one. */
export function captureAllowed(url: string, policy: ManagedPolicy): boolean {
  const allowed = policy.captureAllowedDomains;
  if (allowed === undefined) return true;
  let host: string;
  try {
    host = normalizeHost(new URL(url).hostname);
  } catch {
    return false;
  }
  return allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export function assertCaptureAllowed(url: string, policy: ManagedPolicy): void {
  if (captureAllowed(url, policy)) return;
  const allowed = policy.captureAllowedDomains ?? [];
  let host = 'this site';
  try {
    host = new URL(url).hostname;
  } catch {
    // An unparsable URL is described generically.
  }
  const listed =
    allowed.length === 0
      ? 'Your organisation does not allow scanning QR codes on any site.'
      : `Your organisation allows scanning QR codes only on ${describeList(allowed)}.`;
  throw new PolicyError('capture-not-allowed', `${listed} ${host} is not one of them, so Tessera did not scan it.`);
}

function describeList(domains: readonly string[]): string {
  const shown = domains.slice(0, 5).join(', ');
  return domains.length > 5 ? `${shown} and ${domains.length - 5} more` : shown;
}

/** One line per active policy, in plain words, for the manage page's summary. */
export function describePolicy(policy: ManagedPolicy): Array<{ key: PolicyKey; text: string }> {
  const lines: Array<{ key: PolicyKey; text: string }> = [];
  const add = (key: PolicyKey, text: string) => lines.push({ key, text });
  if (policy.requirePassphrase) add('requirePassphrase', 'A passphrase is required; it cannot be removed.');
  if (policy.passphraseMinLength !== undefined) add('passphraseMinLength', `Passphrases need at least ${minPassphraseLength(policy)} characters.`);
  if (policy.passphrasePattern !== undefined) {
    add('passphrasePattern', `Passphrases must follow a rule${policy.passphraseHint ? `: ${policy.passphraseHint}` : '.'}`);
  } else if (policy.passphraseHint !== undefined) {
    add('passphraseHint', `Passphrase advice: ${policy.passphraseHint}`);
  }
  if (policy.autoLockMinutes !== undefined) {
    add('autoLockMinutes', `Tessera locks after ${policy.autoLockMinutes} minute${policy.autoLockMinutes === 1 ? '' : 's'} without use.`);
  }
  if (policy.deviceBoundOnly) add('deviceBoundOnly', 'Every account is kept on this device only; no secret can leave Tessera.');
  if (policy.disableExport) add('disableExport', 'Backup and export are turned off.');
  if (policy.disableAutofill) add('disableAutofill', 'Filling codes into pages is turned off.');
  if (policy.disableInPageButton) add('disableInPageButton', 'The fill button inside pages is turned off.');
  if (policy.captureAllowedDomains !== undefined) {
    add(
      'captureAllowedDomains',
      policy.captureAllowedDomains.length === 0
        ? 'Scanning QR codes is turned off on every site.'
        : `QR codes can be scanned only on ${describeList(policy.captureAllowedDomains)}.`,
    );
  }
  return lines;
}
