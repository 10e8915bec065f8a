/**
 * Owns the administrator's managed policy (`storage.managed`): its shape, what it overrides in the
 * user's settings, and the rules the worker enforces with it (parsing: `policy-parse.ts`; no browser calls).
 */
import { TesseraError, type PolicyErrorCode, type TesseraErrorOptions } from './errors';
import { formatList, t, tPlural } from './i18n';
import type { Settings } from './settings';

/** The shortest passphrase the vault accepts (lib/vault/lock.ts takes it from here). */
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

export type { PolicyErrorCode };

/** Something the organisation's policy does not allow; the message says so in plain words. */
export class PolicyError extends TesseraError {
  declare readonly code: PolicyErrorCode;
  constructor(code: PolicyErrorCode, message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
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
    throw new PolicyError('passphrase-too-short', `The passphrase must have at least ${min} characters.`, { params: [min] });
  }
  if (policy.passphrasePattern !== undefined && !new RegExp(policy.passphrasePattern).test(passphrase)) {
    // The hint is the administrator's own wording (policy text, never a secret): the UI shows it as written.
    const hint = policy.passphraseHint;
    throw new PolicyError(
      'passphrase-rule',
      hint
        ? `This passphrase does not follow your organisation's rule: ${hint}`
        : "This passphrase does not follow your organisation's rule. Ask your administrator what it requires.",
      hint ? { params: [hint] } : undefined,
    );
  }
}

/** The user's settings as the policy overrides them. */
export type EffectiveSettings = Omit<Settings, 'autoLockMinutes'> & { autoLockMinutes: number };

export function effectiveSettings(settings: Settings, policy: ManagedPolicy): EffectiveSettings {
  return policy.autoLockMinutes === undefined ? settings : { ...settings, autoLockMinutes: policy.autoLockMinutes };
}

export function describeList(domains: readonly string[]): string {
  const shown = domains.slice(0, 5).join(', ');
  return domains.length > 5 ? `${shown} and ${domains.length - 5} more` : shown;
}

/** One line per active policy, in plain words, for the manage page's summary. */
export function describePolicy(policy: ManagedPolicy): Array<{ key: PolicyKey; text: string }> {
  const lines: Array<{ key: PolicyKey; text: string }> = [];
  const add = (key: PolicyKey, text: string) => lines.push({ key, text });
  if (policy.requirePassphrase) add('requirePassphrase', t('policy_require_passphrase'));
  if (policy.passphraseMinLength !== undefined) add('passphraseMinLength', t('policy_min_length', minPassphraseLength(policy)));
  if (policy.passphrasePattern !== undefined) {
    add('passphrasePattern', policy.passphraseHint ? t('policy_pattern_hint', policy.passphraseHint) : t('policy_pattern'));
  } else if (policy.passphraseHint !== undefined) {
    add('passphraseHint', t('policy_hint', policy.passphraseHint));
  }
  if (policy.autoLockMinutes !== undefined) add('autoLockMinutes', tPlural('policy_auto_lock', policy.autoLockMinutes));
  if (policy.deviceBoundOnly) add('deviceBoundOnly', t('policy_device_bound_only'));
  if (policy.disableExport) add('disableExport', t('policy_export_off'));
  if (policy.disableAutofill) add('disableAutofill', t('policy_autofill_off'));
  if (policy.disableInPageButton) add('disableInPageButton', t('policy_in_page_button_off'));
  if (policy.captureAllowedDomains !== undefined) {
    add(
      'captureAllowedDomains',
      policy.captureAllowedDomains.length === 0
        ? t('policy_capture_off')
        : t('policy_capture_only', formatList(policy.captureAllowedDomains)),
    );
  }
  return lines;
}
