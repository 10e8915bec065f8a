import { describe, expect, it } from 'vitest';
import { classifyCapture, describePage, issuerMatchesDomain } from '@/lib/capture/classify';

// RFC 4226/6238's test secret "12345678901234567890" (160 bits) in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
// An 80-bit secret ("Hello!\xde\xad\xbe\xef"), the Key URI wiki's example: what many big sites issue.
const USUAL_80_BIT_SECRET = 'JBSWY3DPEHPK3PXP';
// 64 bits: shorter than any site normally issues.
const SHORT_SECRET = 'JBSWY3DPEHPK3';
const GITHUB = { url: 'https://github.com/settings/two_factor_authentication/setup' };
// Google Authenticator export of Example:alice@google.com (secret JBSWY3DPEHPK3PXP), a widely
// published sample payload.
const MIGRATION =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';

const uri = (issuer: string, extra = '', secret = RFC_SECRET) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:alice@example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;

describe('classifyCapture', () => {
  it('turns a valid otpauth URI into an account with the page origin suggested', () => {
    const f = classifyCapture(uri('GitHub'), GITHUB);
    expect(f.type).toBe('account');
    if (f.type !== 'account') return;
    expect(f.account.issuer).toBe('GitHub');
    expect(f.account.account).toBe('alice@example.com');
    expect(f.account.secret).toEqual(new TextEncoder().encode('12345678901234567890'));
    expect(f.foundOn).toEqual({
      origin: 'https://github.com',
      host: 'github.com',
      registrableDomain: 'github.com',
      punycode: false,
      displayHost: 'github.com',
    });
    expect(f.warnings).toEqual([]);
    expect(f.suggestedSites).toEqual([{ match: 'origin', origin: 'https://github.com' }]);
  });

  it('suggests the exact origin of a subdomain page, not the whole site', () => {
    const f = classifyCapture(uri('Example'), { url: 'https://accounts.example.com:8443/mfa' });
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.suggestedSites).toEqual([{ match: 'origin', origin: 'https://accounts.example.com:8443' }]);
    expect(f.foundOn.registrableDomain).toBe('example.com');
  });

  it('classifies a Google Authenticator export as a migration batch', () => {
    const f = classifyCapture(MIGRATION, { url: 'https://example.test/export' });
    expect(f.type).toBe('migration');
    if (f.type !== 'migration') return;
    expect(f.accounts.map((a) => [a.issuer, a.account])).toEqual([['Example', 'alice@google.com']]);
    expect(f.batch).toEqual({ size: 1, index: 0, id: 0 });
    // Its one 80-bit secret is the usual length: no warning.
    expect(f.warnings).toEqual([]);
  });

  it('says a web link is not an enrollment code', () => {
    expect(classifyCapture('https://example.com/promo', GITHUB)).toMatchObject({ type: 'not-enrollment', code: 'url' });
  });

  it('says plain text is not an enrollment code', () => {
    expect(classifyCapture('hello world', GITHUB)).toMatchObject({ type: 'not-enrollment', code: 'text' });
    expect(classifyCapture('   ', GITHUB)).toMatchObject({ type: 'not-enrollment', code: 'empty' });
  });

  it('passes on the OTP core error code for a malformed otpauth URI without echoing the secret', () => {
    const secret = 'MZXW6YTBOI======AAAA!!';
    const f = classifyCapture(`otpauth://totp/X:a?secret=${secret}`, GITHUB);
    expect(f).toMatchObject({ type: 'not-enrollment', code: 'invalid-base32' });
    if (f.type !== 'not-enrollment') return;
    expect(f.reason).not.toContain('MZXW6YTBOI');
    const f2 = classifyCapture('otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXP&digits=99', GITHUB);
    expect(f2).toMatchObject({ type: 'not-enrollment', code: 'digits-out-of-range' });
    expect(JSON.stringify(f2)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(classifyCapture('otpauth://totp/X:a?issuer=X', GITHUB)).toMatchObject({ code: 'missing-secret' });
  });

  it('warns when a page on evil.test shows a code claiming issuer Google', () => {
    const f = classifyCapture(uri('Google'), { url: 'https://evil.test/setup' });
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings.map((w) => w.code)).toEqual(['issuer-mismatch']);
    expect(f.warnings[0]!.message).toContain('evil.test');
  });

  it('warns on lookalike hosts that merely contain the issuer name', () => {
    const f = classifyCapture(uri('Google'), { url: 'https://accounts.google.com.evil.test/' });
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings.map((w) => w.code)).toContain('issuer-mismatch');
    const g = classifyCapture(uri('Google'), { url: 'https://google-login.test/' });
    if (g.type !== 'account') throw new Error(g.type);
    expect(g.warnings.map((w) => w.code)).toContain('issuer-mismatch');
  });

  it('shows an IDN host in its punycode form', () => {
    const f = classifyCapture(uri('Apple'), { url: 'https://аррӏе.com/' });
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.foundOn.displayHost).toBe('xn--80ak6aa92e.com');
    expect(f.foundOn.registrableDomain).toBe('xn--80ak6aa92e.com');
    expect(f.foundOn.punycode).toBe(true);
    expect(f.warnings.map((w) => w.code)).toContain('issuer-mismatch');
    const g = classifyCapture(uri('Apple'), { url: 'https://xn--80ak6aa92e.com/' });
    if (g.type !== 'account') throw new Error(g.type);
    expect(g.foundOn.displayHost).toBe('xn--80ak6aa92e.com');
  });

  it('warns, in plain words, about a key shorter than sites normally issue, but still returns the account', () => {
    const f = classifyCapture(uri('GitHub', '', SHORT_SECRET), GITHUB);
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings.map((w) => w.code)).toEqual(['weak-secret']);
    expect(f.warnings[0]!.message).toMatch(/shorter than sites normally use.*set up your authenticator app again/);
    expect(f.warnings[0]!.message).not.toMatch(/bits?\b/);
  });

  it('does not warn about an 80-bit key, the length many large services issue', () => {
    const f = classifyCapture(uri('GitHub', '', USUAL_80_BIT_SECRET), GITHUB);
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings).toEqual([]);
  });

  it('names unusual algorithm, digits and period plainly', () => {
    const f = classifyCapture(uri('GitHub', '&algorithm=SHA256&digits=8&period=60'), GITHUB);
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings.map((w) => w.code)).toEqual(['unusual-parameters']);
    expect(f.warnings[0]!.message).toMatch(/SHA256.*8 digits.*60-second/);
  });

  it('warns on an http page and suggests no site', () => {
    const f = classifyCapture(uri('Example'), { url: 'http://example.com/setup' });
    if (f.type !== 'account') throw new Error(f.type);
    expect(f.warnings.map((w) => w.code)).toEqual(['not-https']);
    expect(f.suggestedSites).toEqual([]);
  });
});

describe('issuerMatchesDomain', () => {
  it.each([
    ['GitHub', 'github.com', true],
    ['github.com', 'github.com', true],
    ['Example Corp', 'example.com', true],
    ['My-Bank', 'mybank.co.uk', true],
    ['Microsoft', 'microsoftonline.com', true],
    ['Microsoft', 'live.com', true],
    ['Google', 'google.com', true],
    ['Amazon Web Services', 'amazon.com', true],
    ['Acme Corp', 'okta.com', true],
    ['Acme Corp', 'auth0.com', true],
    ['Google', 'evil.test', false],
    ['Google', 'google-login.test', false],
    ['GitHub', 'github.io', false],
    ['Google', 'go.test', false],
    ['PayPal', 'example.com', false],
  ])('%s on %s → %s', (issuer, domain, expected) => {
    expect(issuerMatchesDomain(issuer, domain)).toBe(expected);
  });
});

describe('describePage', () => {
  it('keeps private suffixes apart (a.github.io is its own site)', () => {
    expect(describePage('https://alice.github.io/x').registrableDomain).toBe('alice.github.io');
  });

  it('rejects a relative URL with RangeError', () => {
    expect(() => describePage('/relative')).toThrow(RangeError);
  });
});

describe('classifyCapture: privacyIDEA two-step', () => {
  const page = { url: 'https://privacyidea.example.com/enroll' };
  const uri = (params: string) => `otpauth://totp/TOTP0001?secret=ZSHO3442AUYM47ZYBOOEXWLUHN4UHGBO&issuer=privacyIDEA&${params}`;

  it('reports the 2step parameters and judges the final secret length, not the server part', () => {
    // A 40-bit server part: weak as a secret, but the secret will be the 256-bit derived key.
    const short = 'otpauth://totp/TOTP0001?secret=AAAAAAAA&issuer=privacyIDEA&2step_salt=8&2step_output=32&2step_difficulty=10000';
    const finding = classifyCapture(short, page);
    expect(finding).toMatchObject({ type: 'account', twoStep: { saltBytes: 8, outputBytes: 32, difficulty: 10000 } });
    expect(finding.type === 'account' && finding.warnings.map((w) => w.code)).not.toContain('weak-secret');
  });

  it('says, on a plain-http page, why the phone part will not be filled there (#14.2)', () => {
    const finding = classifyCapture(uri('2step_salt=8&2step_difficulty=10000'), { url: 'http://privacyidea.example.com/enroll' });
    const warning = finding.type === 'account' ? finding.warnings.find((w) => w.code === 'phone-part-not-filled') : undefined;
    expect(warning?.message).toMatch(/not fill the phone part/);
    expect(warning?.message).toMatch(/both halves/);
    const secure = classifyCapture(uri('2step_salt=8&2step_difficulty=10000'), page);
    expect(secure.type === 'account' && secure.warnings.map((w) => w.code)).not.toContain('phone-part-not-filled');
  });

  it.each([
    ['difficulty 10^9', '2step_salt=8&2step_difficulty=1000000000', '2step_difficulty'],
    ['salt 0', '2step_salt=0&2step_difficulty=10000', '2step_salt'],
  ])('refuses a hostile code (%s) as a bad two-step code, naming the parameter', (_name, params, named) => {
    const finding = classifyCapture(uri(params), page);
    expect(finding).toMatchObject({ type: 'not-enrollment', code: 'bad-two-step' });
    expect(finding.type === 'not-enrollment' && finding.reason).toContain(named);
  });
});
