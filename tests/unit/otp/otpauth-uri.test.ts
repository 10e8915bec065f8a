import { describe, expect, it } from 'vitest';
import { HECTORM_CASES } from '@/tests/fixtures/otp/hectorm-cases';
import {
  encodeBase32,
  formatOtpauthUri,
  OtpUriError,
  parseOtpauthUri,
  parseOtpauthUriDetailed,
  type OtpAccountData,
} from '@/lib/otp';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof OtpUriError ? error.code : `untyped ${String(error)}`;
  }
  return undefined;
};

/** The parsed account with its secret shown as base32, for readable expectations. */
const parsed = (uri: string) => {
  const { secret, ...rest } = parseOtpauthUri(uri);
  return { ...rest, secret: encodeBase32(secret) };
};

const S = 'JBSWY3DPEHPK3PXP';
const H03 = HECTORM_CASES.find((c) => c.id === '03')!.base32;
const H04 = HECTORM_CASES.find((c) => c.id === '04')!.base32;
const H05 = HECTORM_CASES.find((c) => c.id === '05')!.base32;
const H00 = HECTORM_CASES.find((c) => c.id === '00')!.base32;
const H01 = HECTORM_CASES.find((c) => c.id === '01')!.base32;
const H02 = HECTORM_CASES.find((c) => c.id === '02')!.base32;

describe('parseOtpauthUri', () => {
  it('reads the Key URI wiki example with every parameter', () => {
    expect(
      parsed('otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30'),
    ).toEqual({
      kind: 'totp',
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('applies the defaults SHA1, 6 digits, 30 s', () => {
    expect(parsed(`otpauth://totp/alice?secret=${S}`)).toEqual({
      kind: 'totp', issuer: '', account: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30,
    });
  });

  // Labels: wiki examples, hectorm case 03/04 variants, Bitwarden sdk-internal label tests.
  it.each([
    ['Example:alice@gmail.com', 'Example', 'alice@gmail.com'],
    ['Provider1:Alice%20Smith', 'Provider1', 'Alice Smith'],
    ['Big%20Corporation%3A%20alice%40bigco.com', 'Big Corporation', 'alice@bigco.com'],
    ['ACME:OTPAuth', 'ACME', 'OTPAuth'],
    ['ACME:  OTPAuth', 'ACME', 'OTPAuth'],
    ['ACME%3AOTPAuth', 'ACME', 'OTPAuth'],
    ['ACME%3A  OTPAuth', 'ACME', 'OTPAuth'],
    ['ACME%3aOTPAuth', 'ACME', 'OTPAuth'],
    ['ACME%3a  OTPAuth', 'ACME', 'OTPAuth'],
    ['ACME%3A%20%20OTPAuth', 'ACME', 'OTPAuth'],
    ['Username', '', 'Username'],
    [':Username', '', 'Username'],
    [':  Username', '', 'Username'],
    ['%3AUsername', '', 'Username'],
    ['%3a  Username', '', 'Username'],
    ['test%40bitwarden.com', '', 'test@bitwarden.com'],
    ['Acme%20Inc:test%40bitwarden%2Ecom', 'Acme Inc', 'test@bitwarden.com'],
    ['%20%20Acme%20:%20%20%20alice%20%20', 'Acme', 'alice'],
    ['user%2Btag%40example.com', '', 'user+tag@example.com'],
    ['Site:user+test@example.com', 'Site', 'user+test@example.com'],
    ['Foo:bar#baz', 'Foo', 'bar#baz'],
    ['', '', ''],
  ])('splits the label %j into issuer %j and account %j', (label, issuer, account) => {
    expect(parsed(`otpauth://totp/${label}?secret=${S}`)).toMatchObject({ issuer, account });
  });

  it.each([
    ['equal prefix and parameter', 'ACME:OTPAuth', 'ACME', 'ACME', 'OTPAuth'],
    ['parameter only (pyotp FooCorp!)', 'mark%40percival', 'FooCorp%21', 'FooCorp!', 'mark@percival'],
    ['pyotp provisioning URI', 'FooCorp%21:mark%40percival', 'FooCorp%21', 'FooCorp!', 'mark@percival'],
    ['a different label prefix: the parameter wins, the account is kept', 'ACME%20Co:Firstname%20Lastname', 'Contoso%20Co', 'Contoso Co', 'Firstname Lastname'],
    ['an empty parameter: the label prefix is used (hectorm 05)', 'ACME%20Co:Firstname%20Lastname', '', 'ACME Co', 'Firstname Lastname'],
    ['a + in the parameter is a space (ente, 2FAS)', 'Air%20Canada:Benjamin', 'Air+Canada', 'Air Canada', 'Benjamin'],
    ['a parameter that contains a colon', 'a%3Ab:c', 'a%3Ab', 'a:b', 'c'],
  ])('reads issuer from %s', (_name, label, issuerParam, issuer, account) => {
    expect(parsed(`otpauth://totp/${label}?secret=${S}&issuer=${issuerParam}`)).toMatchObject({ issuer, account });
  });

  it('reads every hectorm case 03 URI variant as issuer ACME, account OTPAuth', () => {
    for (const label of ['ACME:OTPAuth', 'ACME:  OTPAuth', 'ACME%3AOTPAuth', 'ACME%3A  OTPAuth', 'ACME%3aOTPAuth', 'ACME%3a  OTPAuth']) {
      expect(parsed(`otpauth://hotp/${label}?issuer=ACME&secret=${H03}&counter=0`)).toEqual({
        kind: 'hotp', issuer: 'ACME', account: 'OTPAuth', secret: H03, algorithm: 'SHA1', digits: 6, counter: 0,
      });
    }
  });

  it('reads hectorm case 04 (7 digits, empty issuer prefix)', () => {
    expect(parsed(`otpauth://totp/%3a  Username?secret=${H04}&algorithm=SHA1&digits=7&period=30`)).toEqual({
      kind: 'totp', issuer: '', account: 'Username', secret: H04, algorithm: 'SHA1', digits: 7, period: 30,
    });
  });

  it('reads hectorm case 05 (8 digits, issuer with a space)', () => {
    expect(parsed(`otpauth://hotp/ACME%20Co:Firstname%20Lastname?secret=${H05}&algorithm=SHA1&digits=8&counter=0`)).toMatchObject({
      issuer: 'ACME Co', account: 'Firstname Lastname', digits: 8, counter: 0,
    });
  });

  it('reads upper-case scheme, type, parameter names and algorithm value (hectorm case 00)', () => {
    expect(parsed(`OTPAUTH://HOTP/OTPAuth?SECRET=${H00}&ALGORITHM=sha1&DIGITS=6&COUNTER=0`)).toEqual({
      kind: 'hotp', issuer: '', account: 'OTPAuth', secret: H00, algorithm: 'SHA1', digits: 6, counter: 0,
    });
  });

  it('reads parameters in any order and ignores unknown ones (hectorm cases 01, 02)', () => {
    expect(parsed(`otpauth://totp/OTPAuth?algorithm=SHA256&digits=6&period=10&secret=${H01}`)).toMatchObject({
      algorithm: 'SHA256', period: 10, secret: H01,
    });
    expect(parsed(`otpauth://totp/OTPAuth?secret=${H02}&algorithm=SHA512&digits=6&period=15&extra=0`)).toMatchObject({
      algorithm: 'SHA512', period: 15,
    });
  });

  it.each([
    ['SHA1', 'SHA1'], ['sha1', 'SHA1'], ['SHA-1', 'SHA1'],
    ['SHA256', 'SHA256'], ['sha256', 'SHA256'], ['SHA-256', 'SHA256'], ['sha-256', 'SHA256'],
    ['SHA512', 'SHA512'], ['Sha512', 'SHA512'], ['SHA-512', 'SHA512'],
  ])('reads algorithm=%s as %s', (value, algorithm) => {
    expect(parsed(`otpauth://totp/a?secret=${S}&algorithm=${value}`).algorithm).toBe(algorithm);
  });

  it('lets the last duplicate parameter win (pyotp)', () => {
    expect(parsed(`otpauth://totp/a?secret=${S}&algorithm=SHA1&algorithm=SHA512`).algorithm).toBe('SHA512');
  });

  it.each([
    ['lower case', 'jbswy3dpehpk3pxp', S],
    ['padded (KeePassXC writes %3D)', 'HXDMVJECJJWSRBY%3D', 'HXDMVJECJJWSRBY'],
    ['raw padding', 'MZXW6===', 'MZXW6'],
    ['spaced with %20', 'JBSW%20Y3DP%20EHPK%203PXP', S],
    ['spaced with +', 'JBSW+Y3DP+EHPK+3PXP', S],
    ['hyphenated', 'JBSW-Y3DP-EHPK-3PXP', S],
  ])('reads a %s secret', (_name, secret, expected) => {
    expect(parsed(`otpauth://totp/a?secret=${secret}`).secret).toBe(expected);
  });

  it.each([
    ['type steam (Aegis, andOTP, ente)', `otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30`],
    ['encoder=steam (KeePassXC, pyotp), claims ignored', `otpauth://totp/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&encoder=steam&digits=8&period=60`],
  ])('reads Steam from %s', (_name, uri) => {
    expect(parsed(uri)).toMatchObject({ kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30, secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI' });
  });

  it('reads ente export lines: lower-case sha512, a period on hotp, codeDisplay', () => {
    expect(
      parsed('otpauth://hotp/WWE:Mason?algorithm=sha512&digits=8&issuer=WWE&period=30&secret=5VAML3X35THCEBVRLV24CGBKOY&counter=10300&codeDisplay=%7B%22pinned%22%3Afalse%7D'),
    ).toEqual({ kind: 'hotp', issuer: 'WWE', account: 'Mason', secret: '5VAML3X35THCEBVRLV24CGBKOY', algorithm: 'SHA512', digits: 8, counter: 10300 });
  });

  it('ignores image= without fetching it (pyotp, FreeOTP)', () => {
    expect(parsed(`otpauth://totp/a?secret=${S}&image=https%3A%2F%2Fexample.com%2Fi.png`)).not.toHaveProperty('image');
  });

  it.each([
    ['counter 0', '0', 0],
    ['a counter above 2^32 (GA rejects 34359738368; we do not)', '34359738368', 34359738368],
    ['counter 2^53 - 1', '9007199254740991', 9007199254740991],
  ])('reads %s', (_name, value, counter) => {
    expect(parsed(`otpauth://hotp/a?secret=${S}&counter=${value}`).counter).toBe(counter);
  });

  it.each([4, 5, 6, 7, 8, 9, 10])('accepts %i digits', (digits) => {
    expect(parsed(`otpauth://totp/a?secret=${S}&digits=${digits}`).digits).toBe(digits);
  });

  it.each([1, 15, 60, 86400])('accepts a period of %i s', (period) => {
    expect(parsed(`otpauth://totp/a?secret=${S}&period=${period}`).period).toBe(period);
  });

  // GA android AuthenticatorActivity tests, otplib, pyotp invalid cases and our own limits.
  it.each([
    ['otpauth?//', 'wrong-scheme'],
    ['otpauth:///', 'unknown-type'],
    ['http://totp/a?secret=JBSWY3DP', 'wrong-scheme'],
    ['otpauth-migration://offline?data=AA', 'wrong-scheme'],
    ['not a uri at all', 'wrong-scheme'],
    ['', 'wrong-scheme'],
    [`otpauth://bad/a?secret=${S}`, 'unknown-type'],
    [`otpauth://yaotp/a?secret=${S}`, 'unknown-type'],
    ['otpauth://totp/?secret=', 'missing-secret'],
    ['otpauth://totp/a', 'missing-secret'],
    ['otpauth://totp/a?secret===', 'missing-secret'],
    ['otpauth://totp/a?secret=AAAAAAA1', 'invalid-base32'],
    ['otpauth://totp/a?secret=AAAAAAA8', 'invalid-base32'],
    ['otpauth://totp/a?secret=ABC', 'invalid-base32'],
    [`otpauth://hotp/a?secret=${S}`, 'bad-counter'],
    [`otpauth://hotp/a?secret=${S}&counter=abc`, 'bad-counter'],
    [`otpauth://hotp/a?secret=${S}&counter=-1`, 'bad-counter'],
    [`otpauth://hotp/a?secret=${S}&counter=1.5`, 'bad-counter'],
    [`otpauth://hotp/a?secret=${S}&counter=`, 'bad-counter'],
    [`otpauth://hotp/a?secret=${S}&counter=9007199254740992`, 'bad-counter'],
    [`otpauth://totp/a?secret=${S}&digits=3`, 'digits-out-of-range'],
    [`otpauth://totp/a?secret=${S}&digits=11`, 'digits-out-of-range'],
    [`otpauth://totp/a?secret=${S}&digits=six`, 'digits-out-of-range'],
    [`otpauth://totp/a?secret=${S}&digits=-6`, 'digits-out-of-range'],
    [`otpauth://totp/a?secret=${S}&period=0`, 'period-out-of-range'],
    [`otpauth://totp/a?secret=${S}&period=86401`, 'period-out-of-range'],
    [`otpauth://totp/a?secret=${S}&period=1.5`, 'period-out-of-range'],
    [`otpauth://totp/a?secret=${S}&algorithm=MD5`, 'unsupported-algorithm'],
    [`otpauth://totp/a?secret=${S}&algorithm=SHA224`, 'unsupported-algorithm'],
    [`otpauth://totp/a?secret=${S}&algorithm=SHA3-224`, 'unsupported-algorithm'],
    [`otpauth://totp/a?secret=${S}&algorithm=GOST3411_2012_256`, 'unsupported-algorithm'],
    [`otpauth://totp/%ZZ?secret=${S}`, 'malformed-uri'],
    [`otpauth://totp/a?secret=${S}&issuer=%ZZ`, 'malformed-uri'],
    [`otpauth://totp/a%E0%A4%A?secret=${S}`, 'malformed-uri'],
    [`otpauth://totp/a?secret=${S}&2step_difficulty=0`, 'bad-two-step'],
    [`otpauth://totp/a?secret=${S}&2step_difficulty=100000000`, 'bad-two-step'],
    [`otpauth://totp/${'a'.repeat(4096)}?secret=${S}`, 'too-long'],
  ])('rejects %j with %s', (uri, code) => {
    expect(codeOf(() => parseOtpauthUri(uri))).toBe(code);
  });

  it('accepts a URI of exactly 4096 characters', () => {
    const prefix = `otpauth://totp/?secret=${S}&x=`;
    expect(parsed(prefix + 'y'.repeat(4096 - prefix.length)).secret).toBe(S);
  });

  it('never puts the secret in an error message (otplib)', () => {
    for (const uri of [
      `otpauth://totp/a?secret=${S}&digits=99`,
      `otpauth://totp/a?secret=${S}1`,
      `otpauth://hotp/a?secret=${S}`,
      `otpauth://totp/%ZZ?secret=${S}`,
    ]) {
      const error = (() => {
        try {
          parseOtpauthUri(uri);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('expected a throw');
      })();
      expect(error.message).not.toContain(S.slice(0, 8));
      expect(JSON.stringify(error)).not.toContain(S.slice(0, 8));
    }
  });
});

describe('parseOtpauthUriDetailed', () => {
  it('reports privacyIDEA 2step parameters (pi-authenticator test URI)', () => {
    const uri = 'otpauth://totp/issuer:account?secret=AAAAAAAA&algorithm=SHA256&digits=8&period=45&2step_salt=10&2step_output=20&2step_difficulty=10000';
    const details = parseOtpauthUriDetailed(uri);
    expect(details.twoStep).toEqual({ saltBytes: 10, outputBytes: 20, difficulty: 10000 });
    expect(details).toMatchObject({ issuer: 'issuer', account: 'account', algorithm: 'SHA256', digits: 8, period: 45 });
    // The plain parser refuses it: its secret is only the server half (it must never be stored as the secret).
    expect(codeOf(() => parseOtpauthUri(uri))).toBe('two-step-enrollment');
  });

  it.each([
    ['2step_difficulty of 10^9', '2step_difficulty=1000000000', '2step_difficulty'],
    ['2step_salt 0', '2step_salt=0', '2step_salt'],
    ['2step_output 0', '2step_output=0', '2step_output'],
  ])('refuses a hostile %s, naming the parameter', (_name, param, named) => {
    const error = (() => {
      try {
        parseOtpauthUriDetailed(`otpauth://totp/a?secret=${S}&${param}`);
      } catch (caught) {
        return caught as { code: string; message: string };
      }
      throw new Error('expected a throw');
    })();
    expect(error.code).toBe('bad-two-step');
    expect(error.message).toContain(named);
  });

  it('fills privacyIDEA defaults when only one 2step parameter is present', () => {
    const sha1 = parseOtpauthUriDetailed(`otpauth://hotp/s?secret=${S}&counter=1&2step_difficulty=12000`);
    expect(sha1.twoStep).toEqual({ saltBytes: 8, outputBytes: 20, difficulty: 12000 });
    const sha512 = parseOtpauthUriDetailed(`otpauth://totp/s?secret=${S}&algorithm=SHA512&2step_salt=8`);
    expect(sha512.twoStep).toEqual({ saltBytes: 8, outputBytes: 64, difficulty: 10000 });
  });

  it('reports no twoStep for an ordinary URI', () => {
    expect(parseOtpauthUriDetailed(`otpauth://totp/a?secret=${S}`)).not.toHaveProperty('twoStep');
  });
});

describe('formatOtpauthUri', () => {
  const base: OtpAccountData = {
    kind: 'totp', issuer: 'ACME Co', account: 'john.doe@email.com',
    secret: new Uint8Array([61, 198, 202, 164, 130, 74, 109, 40, 135, 103, 178, 51, 30, 32, 180, 49, 102, 203, 133, 217]),
    algorithm: 'SHA1', digits: 6, period: 30,
  };

  it('writes the canonical form of the wiki example', () => {
    expect(formatOtpauthUri(base)).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes hotp with its counter and no period', () => {
    const { period: _period, ...rest } = base;
    expect(formatOtpauthUri({ ...rest, kind: 'hotp', issuer: '', account: 'hotp demo', counter: 4 })).toBe(
      'otpauth://hotp/hotp%20demo?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&algorithm=SHA1&digits=6&counter=4',
    );
  });

  it('writes Steam as otpauth://steam with its fixed parameters', () => {
    expect(formatOtpauthUri({ ...base, kind: 'steam', issuer: 'Steam', account: 'me', digits: 5 })).toBe(
      'otpauth://steam/Steam:me?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=Steam&algorithm=SHA1&digits=5&period=30',
    );
  });

  it.each([
    ['a colon in the issuer', 'a:b', 'c'],
    ['a colon in the account', 'a', 'b:c'],
    ['a colon in the account and no issuer', '', 'x:y'],
    ['an account that repeats the issuer prefix', 'a', 'a:b'],
    ['plus, percent, hash, ampersand', 'A+B%C', 'u#1&2=3?'],
    ['unicode', 'Ünïcødé 🔐', '用户@例子.中国'],
  ])('keeps %s through a round trip', (_name, issuer, account) => {
    const data = { ...base, issuer, account };
    expect(parseOtpauthUri(formatOtpauthUri(data))).toEqual(data);
  });

  it('trims issuer and account', () => {
    expect(parseOtpauthUri(formatOtpauthUri({ ...base, issuer: '  ACME ', account: ' bob  ' }))).toMatchObject({
      issuer: 'ACME', account: 'bob',
    });
  });

  it.each([
    ['an empty secret', { secret: new Uint8Array(0) }],
    ['digits 11', { digits: 11 }],
    ['period 0', { period: 0 }],
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['an unpaired surrogate', { account: '\uD800' }],
  ])('refuses %s with a RangeError', (_name, patch) => {
    expect(() => formatOtpauthUri({ ...base, ...patch } as OtpAccountData)).toThrowError(RangeError);
  });
});
