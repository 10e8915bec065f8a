/**
 * Turns a decoded QR text and the page it was found on into what the confirmation view shows:
 * an account (with warnings and suggested site bindings), an export batch, or why it is neither.
 */
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { OtpUriError, parseMigrationBatch, parseOtpauthUriDetailed, type TwoStepParams, OTP_DEFAULTS, type OtpAccountData } from '@/lib/otp';

import { isTrustworthyOrigin, type SiteBinding } from '@/lib/sites';
import type { ErrorParams } from '@/lib/errors';
import type { Said } from '@/lib/i18n';

export type { SiteBinding };

export type FoundOn = {
  origin: string;
  /** ASCII host as the URL parser gives it (IDN labels in their xn-- form). */
  host: string;
  /** eTLD+1 from the Public Suffix List, private suffixes included (a.github.io ≠ b.github.io). */
  registrableDomain: string;
  /** True when some label is an IDN (xn--): the UI says so, since it may imitate another name. */
  punycode: boolean;
  /** What the UI prints: always the xn-- form, never the Unicode lookalike. */
  displayHost: string;
};

export type CaptureWarningCode = 'not-https' | 'phone-part-not-filled' | 'issuer-mismatch' | 'weak-secret' | 'unusual-parameters';
/**
 * `message`: English, for logs and tests. `text`: what the UI says, as a catalogue key and its
 * values (`list`: fragments the UI joins as its language joins a list, appended as the last value).
 */
export type CaptureWarning = { code: CaptureWarningCode; message: string; text: Said; list?: Said[] };

export type NotEnrollmentCode = 'url' | 'text' | 'empty' | OtpUriError['code'];

export type CaptureFinding =
  | {
      type: 'account';
      account: OtpAccountData;
      foundOn: FoundOn;
      warnings: CaptureWarning[];
      /** The page's exact origin by default; empty for a non-https page (the user enters it). */
      suggestedSites: SiteBinding[];
      /** privacyIDEA two-step enrollment: `account.secret` is only the server part. */
      twoStep?: TwoStepParams;
    }
  | {
      type: 'migration';
      accounts: OtpAccountData[];
      batch: { size: number; index: number; id: number };
      foundOn: FoundOn;
      warnings: CaptureWarning[];
    }
  | { type: 'not-enrollment'; reason: string; code: NotEnrollmentCode; params?: ErrorParams };

/**
 * Below this a key is shorter than sites normally issue. 80 bits (16 characters) is what many large
 * services use and is not worth a warning nobody can act on; RFC 4226's 128-bit floor is for issuers.
 */
export const MIN_SECRET_BITS = 80;

const WEAK_SECRET_MESSAGE =
  'This setup key is shorter than sites normally use, so the codes are easier to guess. It will still work. If the site lets you set up your authenticator app again, a new QR code may give a longer key.';

/**
 * Issuers whose name does not contain their login domain, and the registrable domains they
 * enrol on. A page on one of these domains showing that issuer is not a mismatch.
 */
const ISSUER_DOMAINS: Record<string, readonly string[]> = {
  google: ['google.com', 'youtube.com'],
  gmail: ['google.com'],
  microsoft: ['microsoft.com', 'microsoftonline.com', 'live.com', 'office.com', 'azure.com', 'microsoft365.com'],
  microsoftentra: ['microsoftonline.com', 'microsoft.com'],
  entra: ['microsoftonline.com', 'microsoft.com'],
  azure: ['microsoftonline.com', 'azure.com', 'microsoft.com'],
  azuread: ['microsoftonline.com'],
  office365: ['microsoftonline.com', 'office.com'],
  outlook: ['live.com', 'microsoft.com'],
  aws: ['amazon.com', 'amazonaws.com', 'aws.com'],
  amazonwebservices: ['amazon.com', 'amazonaws.com', 'aws.com'],
  github: ['github.com'],
  twitter: ['x.com', 'twitter.com'],
  x: ['x.com', 'twitter.com'],
  meta: ['facebook.com', 'meta.com', 'instagram.com'],
  facebook: ['facebook.com', 'meta.com'],
  battlenet: ['battle.net', 'blizzard.com'],
  blizzard: ['battle.net', 'blizzard.com'],
  proton: ['proton.me', 'protonmail.com'],
};

/**
 * Identity providers where enrolment happens on a tenant host (acme.okta.com) with the tenant's
 * or the provider's name as issuer: any issuer is plausible there.
 */
const IDP_DOMAINS: ReadonlySet<string> = new Set([
  'okta.com',
  'oktapreview.com',
  'okta-emea.com',
  'auth0.com',
  'microsoftonline.com',
  'onelogin.com',
  'duosecurity.com',
  'pingidentity.com',
  'pingone.com',
  'jumpcloud.com',
]);

export function classifyCapture(text: string, page: { url: string }): CaptureFinding {
  const trimmed = text.trim();
  if (trimmed === '') return { type: 'not-enrollment', code: 'empty', reason: 'The QR code is empty.' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'otpauth') return classifyAccount(trimmed, page);
  if (scheme === 'otpauth-migration') return classifyMigration(trimmed, page);
  if (scheme === 'http' || scheme === 'https') {
    return { type: 'not-enrollment', code: 'url', reason: 'This QR code is a web link, not an authenticator setup code.' };
  }
  return { type: 'not-enrollment', code: 'text', reason: 'This QR code holds text, not an authenticator setup code.' };
}

function classifyAccount(uri: string, page: { url: string }): CaptureFinding {
  let account: OtpAccountData;
  let twoStep: TwoStepParams | undefined;
  try {
    ({ twoStep, ...account } = parseOtpauthUriDetailed(uri));
  } catch (error) {
    return notEnrollment(error);
  }
  const foundOn = describePage(page.url);
  const warnings: CaptureWarning[] = [];
  if (!isHttps(page.url)) warnings.push(notHttpsWarning());
  if (twoStep && !isTrustworthyOrigin(foundOn.origin)) {
    warnings.push({
      code: 'phone-part-not-filled',
      message:
        'Tessera will not fill the phone part into this page, because it is not served over HTTPS: anyone watching the network may have seen this QR code, and with the phone part they would have both halves of your secret. Enrol on an HTTPS page if you can; if you type the phone part here yourself, the same risk applies.',
      text: { key: 'capture_warn_phone_part_not_filled', args: [] },
    });
  }
  if (account.issuer.trim() !== '' && !issuerMatchesDomain(account.issuer, foundOn.registrableDomain)) {
    warnings.push({
      code: 'issuer-mismatch',
      message: `The code says it is for "${account.issuer}", but the page is on ${foundOn.displayHost}. Add it only if you expected this site to enrol ${account.issuer}.`,
      text: { key: 'capture_warn_issuer_mismatch', args: [account.issuer, foundOn.displayHost] },
    });
  }
  // A two-step account's secret is derived here, `2step_output` bytes long.
  const bits = (twoStep ? twoStep.outputBytes : account.secret.length) * 8;
  if (bits < MIN_SECRET_BITS) {
    warnings.push({
      code: 'weak-secret',
      message: WEAK_SECRET_MESSAGE,
      text: { key: 'capture_warn_weak_secret', args: [] },
    });
  }
  const unusual = unusualParameters(account);
  if (unusual.length > 0) {
    warnings.push({
      code: 'unusual-parameters',
      message: `Unusual settings: ${unusual.map((u) => u.english).join(', ')}. Most sites use 6 digits, SHA-1 and 30 seconds; the codes will follow what the QR code says.`,
      text: { key: 'capture_warn_unusual', args: [''] },
      list: unusual.map((u) => u.said),
    });
  }
  const suggestedSites: SiteBinding[] = isHttps(page.url) ? [{ match: 'origin', origin: foundOn.origin }] : [];
  return { type: 'account', account, foundOn, warnings, suggestedSites, ...(twoStep && { twoStep }) };
}

function classifyMigration(uri: string, page: { url: string }): CaptureFinding {
  let batch: ReturnType<typeof parseMigrationBatch>;
  try {
    batch = parseMigrationBatch(uri);
  } catch (error) {
    return notEnrollment(error);
  }
  const warnings: CaptureWarning[] = [];
  if (!isHttps(page.url)) warnings.push(notHttpsWarning());
  const weak = batch.accounts.filter((a) => a.secret.length * 8 < MIN_SECRET_BITS).length;
  if (weak > 0) {
    warnings.push({
      code: 'weak-secret',
      message:
        weak === 1
          ? `One of these ${batch.accounts.length} accounts has a setup key shorter than sites normally use, so its codes are easier to guess. It will still work.`
          : `${weak} of these ${batch.accounts.length} accounts have setup keys shorter than sites normally use, so their codes are easier to guess. They will still work.`,
      text:
        weak === 1
          ? { key: 'capture_warn_batch_weak_single', args: [batch.accounts.length] }
          : { plural: 'capture_warn_batch_weak_several', count: weak, args: [batch.accounts.length] },
    });
  }
  const unusual = batch.accounts.filter((a) => unusualParameters(a).length > 0).length;
  if (unusual > 0) {
    warnings.push({
      code: 'unusual-parameters',
      message: `${unusual} of ${batch.accounts.length} accounts use settings other than 6 digits, SHA-1 and 30 seconds.`,
      text: { key: 'capture_warn_batch_unusual', args: [unusual, batch.accounts.length] },
    });
  }
  return {
    type: 'migration',
    accounts: batch.accounts,
    batch: { size: batch.batchSize, index: batch.batchIndex, id: batch.batchId },
    foundOn: describePage(page.url),
    warnings,
  };
}

/** The OTP core's code and message: its messages name the problem, never the input. */
function notEnrollment(error: unknown): CaptureFinding {
  if (error instanceof OtpUriError) {
    return { type: 'not-enrollment', code: error.code, reason: error.message, ...(error.params ? { params: error.params } : {}) };
  }
  return { type: 'not-enrollment', code: 'malformed-uri', reason: 'The setup code could not be read.' };
}

export function describePage(url: string): FoundOn {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError('page.url must be an absolute URL');
  }
  // The URL parser already gives IDN hosts in their ASCII (xn--) form.
  const host = parsed.hostname;
  const registrableDomain = getDomain(host, { allowPrivateDomains: true }) ?? host;
  const punycode = host.split('.').some((label) => label.startsWith('xn--'));
  return { origin: parsed.origin, host, registrableDomain, punycode, displayHost: host };
}

/**
 * Whether an issuer plausibly belongs to a registrable domain: the normalised issuer contains the
 * domain's name (without its public suffix) or the reverse, or a known issuer/IdP table says so.
 */
export function issuerMatchesDomain(issuer: string, registrableDomain: string): boolean {
  const domain = registrableDomain.toLowerCase();
  if (IDP_DOMAINS.has(domain)) return true;
  const label = normalize(getDomainWithoutSuffix(domain, { allowPrivateDomains: true }) ?? domain.split('.')[0] ?? '');
  // An issuer written as a domain ("github.com") is compared by its name, too.
  const issuerAsDomain = /^[\w.-]+\.[a-z]{2,}$/i.test(issuer.trim())
    ? getDomainWithoutSuffix(issuer.trim().toLowerCase(), { allowPrivateDomains: true })
    : null;
  const name = normalize(issuerAsDomain ?? issuer);
  const known = ISSUER_DOMAINS[normalize(issuer)] ?? (issuerAsDomain ? ISSUER_DOMAINS[normalize(issuerAsDomain)] : undefined);
  // A big issuer is held to its table: "google-login.test" must not pass as Google's by containment.
  if (known) return known.includes(domain);
  // Short names match only exactly, or "go.test" would vouch for "Google".
  if (Math.min(name.length, label.length) < 4) return name === label && name !== '';
  return name.includes(label) || label.includes(name);
}

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function unusualParameters(a: OtpAccountData): { english: string; said: Said }[] {
  if (a.kind === 'steam') return [];
  const out: { english: string; said: Said }[] = [];
  if (a.kind === 'hotp') out.push({ english: 'counter-based (HOTP) codes', said: { key: 'capture_unusual_hotp', args: [] } });
  if (a.algorithm !== OTP_DEFAULTS.algorithm) {
    out.push({ english: `${a.algorithm} instead of SHA1`, said: { key: 'capture_unusual_algorithm', args: [a.algorithm] } });
  }
  if (a.digits !== OTP_DEFAULTS.digits) out.push({ english: `${a.digits} digits`, said: { key: 'capture_unusual_digits', args: [a.digits] } });
  if (a.kind === 'totp' && a.period !== undefined && a.period !== OTP_DEFAULTS.period) {
    out.push({ english: `a ${a.period}-second period`, said: { key: 'capture_unusual_period', args: [a.period] } });
  }
  return out;
}

function isHttps(url: string): boolean {
  return url.toLowerCase().startsWith('https:');
}

function notHttpsWarning(): CaptureWarning {
  return {
    code: 'not-https',
    message: 'This page is not served over HTTPS: someone on the network could have changed or read the code.',
    text: { key: 'capture_warn_not_https', args: [] },
  };
}
