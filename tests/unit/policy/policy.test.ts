import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_MIN_PASSPHRASE_LENGTH,
  NO_POLICY,
  PolicyError,
  assertExportAllowed,
  assertPassphraseRemovable,
  checkPassphrase,
  describePolicy,
  effectiveSettings,
  forcedDeviceBound,
  passphraseRequired,
  policyDisablesInPageButton,
  type ManagedPolicy,
} from '@/lib/policy';
import { assertCaptureAllowed, captureAllowed, parsePolicy } from '@/lib/policy-parse';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { MIN_PASSPHRASE_LENGTH } from '@/lib/vault/lock';

function thrown(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a throw');
}

describe('parsePolicy', () => {
  it('reads every key of a complete policy', () => {
    const { policy, issues } = parsePolicy({
      requirePassphrase: true,
      passphraseMinLength: 12,
      passphrasePattern: '^(?=.*\\d).+$',
      passphraseHint: '  At least one digit.  ',
      autoLockMinutes: 5,
      disableExport: true,
      deviceBoundOnly: false,
      disableAutofill: true,
      disableInPageButton: true,
      captureAllowedDomains: ['Example.COM', '*.corp.example', 'login.acme.test.'],
    });
    expect(issues).toEqual([]);
    expect(policy).toEqual({
      requirePassphrase: true,
      passphraseMinLength: 12,
      passphrasePattern: '^(?=.*\\d).+$',
      passphraseHint: 'At least one digit.',
      autoLockMinutes: 5,
      disableExport: true,
      deviceBoundOnly: false,
      disableAutofill: true,
      disableInPageButton: true,
      captureAllowedDomains: ['example.com', 'corp.example', 'login.acme.test'],
    });
  });

  it.each([undefined, null, {}])('treats %s as no policy', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: {}, issues: [] });
  });

  it('ignores unknown keys silently (a newer schema)', () => {
    expect(parsePolicy({ feedbackURL: 'https://x.example', storageArea: 'sync' })).toEqual({ policy: {}, issues: [] });
  });

  it('ignores a policy that is not an object, with a reason', () => {
    const { policy, issues } = parsePolicy(['disableExport']);
    expect(policy).toEqual({});
    expect(issues).toHaveLength(1);
  });

  it.each([
    ['disableExport', 'true'],
    ['deviceBoundOnly', 1],
    ['requirePassphrase', null],
    ['autoLockMinutes', '5'],
    ['autoLockMinutes', 2.5],
    ['autoLockMinutes', 0],
    ['autoLockMinutes', 1441],
    ['passphraseMinLength', -1],
    ['passphraseHint', '   '],
    ['passphrasePattern', 42],
    ['captureAllowedDomains', 'example.com'],
  ])('ignores %s = %j with a reason, keeping the rest', (key, value) => {
    const { policy, issues } = parsePolicy({ [key]: value, disableAutofill: true });
    expect(policy).toEqual({ disableAutofill: true });
    expect(issues).toEqual([{ key, reason: expect.any(String) }]);
  });

  it('ignores and reports an invalid regular expression', () => {
    const { policy, issues } = parsePolicy({ passphrasePattern: '([a-z', passphraseHint: 'Letters.' });
    expect(policy).toEqual({ passphraseHint: 'Letters.' });
    expect(issues).toEqual([{ key: 'passphrasePattern', reason: 'is not a valid regular expression' }]);
  });

  it('drops bad domain entries (public suffixes, URLs, non-text) but keeps the list restrictive', () => {
    const { policy, issues } = parsePolicy({ captureAllowedDomains: ['com', 'github.io', 'https://a.example/x', 7, 'ok.example'] });
    expect(policy.captureAllowedDomains).toEqual(['ok.example']);
    expect(issues.map((i) => i.key)).toEqual(Array(4).fill('captureAllowedDomains'));
  });

  it('fails closed: a list of only bad entries allows capture nowhere', () => {
    const { policy } = parsePolicy({ captureAllowedDomains: ['co.uk'] });
    expect(policy.captureAllowedDomains).toEqual([]);
    expect(captureAllowed('https://anything.example/', policy)).toBe(false);
  });
});

describe('export and device binding', () => {
  it('lets export through without a policy', () => {
    expect(() => assertExportAllowed(NO_POLICY)).not.toThrow();
  });

  it.each([
    [{ disableExport: true }, 'export-disabled'],
    [{ deviceBoundOnly: true }, 'device-bound-only'],
    [{ disableExport: true, deviceBoundOnly: true }, 'device-bound-only'],
  ] as Array<[ManagedPolicy, string]>)('refuses export under %j with code %s', (policy, code) => {
    const error = thrown(() => assertExportAllowed(policy));
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.code).toBe(code);
  });

  it('forces device binding only under deviceBoundOnly', () => {
    expect(forcedDeviceBound(false, { deviceBoundOnly: true })).toBe(true);
    expect(forcedDeviceBound(undefined, { deviceBoundOnly: true })).toBe(true);
    expect(forcedDeviceBound(false, NO_POLICY)).toBe(false);
    expect(forcedDeviceBound(true, NO_POLICY)).toBe(true);
  });
});

describe('passphrase rule', () => {
  const policy: ManagedPolicy = { passphraseMinLength: 12, passphrasePattern: '\\d', passphraseHint: 'Include a digit.' };

  it('keeps the vault floor when the policy asks for less', () => {
    expect(BUILT_IN_MIN_PASSPHRASE_LENGTH).toBe(MIN_PASSPHRASE_LENGTH);
    expect(thrown(() => checkPassphrase('short1', { passphraseMinLength: 4 })).code).toBe('passphrase-too-short');
  });

  it('refuses a passphrase shorter than the organisation asks', () => {
    const error = thrown(() => checkPassphrase('eleven1char', policy));
    expect(error.code).toBe('passphrase-too-short');
    expect(error.message).toContain('12');
  });

  it('refuses one that breaks the pattern, quoting the hint', () => {
    const error = thrown(() => checkPassphrase('no digits in here', policy));
    expect(error.code).toBe('passphrase-rule');
    expect(error.message).toContain('Include a digit.');
  });

  it('says to ask the administrator when there is no hint', () => {
    expect(thrown(() => checkPassphrase('no digits in here', { passphrasePattern: '\\d' })).message).toMatch(/administrator/);
  });

  it('accepts one that follows the rule', () => {
    expect(() => checkPassphrase('correct horse 42', policy)).not.toThrow();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(() => checkPassphrase('🔑🔑🔑🔑🔑🔑🔑🔑', NO_POLICY)).not.toThrow();
    expect(thrown(() => checkPassphrase('🔑🔑🔑🔑', NO_POLICY)).code).toBe('passphrase-too-short');
  });

  it('requires a passphrase only in device mode, and refuses removal', () => {
    expect(passphraseRequired({ requirePassphrase: true }, 'device')).toBe(true);
    expect(passphraseRequired({ requirePassphrase: true }, 'passphrase')).toBe(false);
    expect(passphraseRequired(NO_POLICY, 'device')).toBe(false);
    expect(thrown(() => assertPassphraseRemovable({ requirePassphrase: true })).code).toBe('passphrase-removal-refused');
    expect(() => assertPassphraseRemovable(NO_POLICY)).not.toThrow();
  });
});

describe('effective settings', () => {
  it('overrides the auto-lock minutes', () => {
    const settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 60 as const };
    expect(effectiveSettings(settings, { autoLockMinutes: 3 }).autoLockMinutes).toBe(3);
  });

  it('leaves the user settings alone without a policy', () => {
    expect(effectiveSettings(DEFAULT_SETTINGS, NO_POLICY)).toEqual(DEFAULT_SETTINGS);
  });

  it('turns the in-page button off under either autofill policy', () => {
    expect(policyDisablesInPageButton({ disableInPageButton: true })).toBe(true);
    expect(policyDisablesInPageButton({ disableAutofill: true })).toBe(true);
    expect(policyDisablesInPageButton(NO_POLICY)).toBe(false);
  });
});

describe('capture allow-list', () => {
  const policy = parsePolicy({ captureAllowedDomains: ['acme.test', 'login.corp.test'] }).policy;

  it.each([
    ['https://acme.test/enroll', true],
    ['https://sso.acme.test:8443/x', true],
    ['https://login.corp.test/', true],
    ['https://a.login.corp.test/', true],
    ['https://corp.test/', false],
    ['https://other.corp.test/', false],
    ['https://evilacme.test/', false],
    ['https://acme.test.evil.test/', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(captureAllowed(url, policy)).toBe(allowed);
  });

  it('allows everything without the key', () => {
    expect(captureAllowed('https://anything.example/', NO_POLICY)).toBe(true);
  });

  it('refuses with a message naming the allowed domains and this host', () => {
    const error = thrown(() => assertCaptureAllowed('https://other.corp.test/page', policy));
    expect(error.code).toBe('capture-not-allowed');
    expect(error.message).toBe(
      'Your organisation allows scanning QR codes only on acme.test, login.corp.test. other.corp.test is not one of them, so Tessera did not scan it.',
    );
  });
});

describe('describePolicy', () => {
  it('has one line per active key and none without a policy', () => {
    expect(describePolicy(NO_POLICY)).toEqual([]);
    const lines = describePolicy({ requirePassphrase: true, autoLockMinutes: 1, disableExport: true, captureAllowedDomains: [] });
    expect(lines.map((l) => l.key)).toEqual(['requirePassphrase', 'autoLockMinutes', 'disableExport', 'captureAllowedDomains']);
    expect(lines[1]!.text).toBe('Tessera locks after 1 minute without use.');
  });
});
