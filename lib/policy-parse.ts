/**
 * Reads the administrator's policy (`storage.managed`) defensively and checks the capture
 * allow-list. Apart from `lib/policy.ts` because it needs the Public Suffix List, which
 * extension pages that only show the policy should not load.
 */
import { normalizeHost, registrableDomain } from './sites';
import { POLICY_LIMITS, PolicyError, describeList, type ManagedPolicy, type ParsedPolicy, type PolicyIssue } from './policy';

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
  // params: the host, then every allowed domain (the UI joins them in the person's language).
  throw new PolicyError('capture-not-allowed', `${listed} ${host} is not one of them, so Tessera did not scan it.`, {
    params: [host, ...allowed],
  });
}
