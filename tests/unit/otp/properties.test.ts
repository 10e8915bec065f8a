import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeBase32,
  formatMigrationUri,
  formatOtpauthUri,
  OtpUriError,
  parseMigrationUri,
  parseOtpauthUri,
  type OtpAccountData,
} from '@/lib/otp';

/** Text with the characters that break naive label handling mixed into arbitrary unicode. */
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(':', ' ', '%3A', '%', '+', '&', '#', '=', '?', '/', '\t', '🔐')), {
    maxLength: 10,
  })
  .map((parts) => parts.join(''));

const algorithm = fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const);
const secret = fc.uint8Array({ minLength: 1, maxLength: 64 });

const account: fc.Arbitrary<OtpAccountData> = fc.oneof(
  fc.record({
    kind: fc.constant('totp' as const), issuer: text, account: text, secret, algorithm,
    digits: fc.integer({ min: 4, max: 10 }), period: fc.integer({ min: 1, max: 86400 }),
  }),
  fc.record({
    kind: fc.constant('hotp' as const), issuer: text, account: text, secret, algorithm,
    digits: fc.integer({ min: 4, max: 10 }), counter: fc.maxSafeNat(),
  }),
  fc.record({
    kind: fc.constant('steam' as const), issuer: text, account: text, secret,
    algorithm: fc.constant('SHA1' as const), digits: fc.constant(5), period: fc.constant(30),
  }),
);

const normalise = (data: OtpAccountData): OtpAccountData => ({ ...data, issuer: data.issuer.trim(), account: data.account.trim() });

const onlyTypedErrors = (parse: (input: string) => unknown) => (input: string) => {
  try {
    parse(input);
  } catch (error) {
    if (!(error instanceof OtpUriError)) throw error;
  }
};

describe('otpauth URI properties', () => {
  it('parses what it formats back to the same account (unicode, colons, spaces)', () => {
    fc.assert(
      fc.property(account, (data) => {
        expect(parseOtpauthUri(formatOtpauthUri(data))).toEqual(normalise(data));
      }),
      { numRuns: 500 },
    );
  });

  it('throws only OtpUriError for arbitrary strings', () => {
    const inputs = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((s) => `otpauth://${s}`),
      fc.string({ unit: 'binary' }).map((s) => `otpauth://totp/${s}`),
      fc.string({ unit: 'binary-ascii' }).map((s) => `otpauth://hotp/a?secret=JBSWY3DP&${s}`),
      fc.array(fc.constantFrom('secret=', 'JBSWY3DP', '&', '=', '%', '%3A', ':', '+', 'digits=', 'counter=', 'period=', 'issuer=', '2step_salt=', '9', '-', '#', '?'))
        .map((parts) => `otpauth://totp/x?${parts.join('')}`),
    );
    fc.assert(fc.property(inputs, onlyTypedErrors(parseOtpauthUri)), { numRuns: 2000 });
  });

  it('never puts the secret in an error message', () => {
    const secretText = fc.uint8Array({ minLength: 10, maxLength: 40 }).map(encodeBase32);
    const broken = fc.constantFrom('&digits=99', '&period=0', '&algorithm=MD5', '&counter=x', '1', '!', '%ZZ');
    fc.assert(
      fc.property(secretText, broken, fc.constantFrom('totp', 'hotp'), (s, suffix, type) => {
        try {
          parseOtpauthUri(`otpauth://${type}/a?secret=${s}${suffix}`);
        } catch (error) {
          expect(error).toBeInstanceOf(OtpUriError);
          expect((error as Error).message).not.toContain(s.slice(0, 16));
        }
      }),
    );
  });
});

describe('migration properties', () => {
  const representable = account
    .filter((data) => data.kind !== 'steam')
    .map((data): OtpAccountData => ({
      ...normalise(data),
      digits: data.digits % 2 === 0 ? 6 : 8,
      ...(data.kind === 'totp' ? { period: 30 } : {}),
    }));

  it('parses what it formats back to the same accounts', () => {
    fc.assert(
      fc.property(fc.array(representable, { maxLength: 5 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (accounts, batchId) => {
        expect(parseMigrationUri(formatMigrationUri(accounts, { batchId }))).toEqual(accounts);
      }),
      { numRuns: 300 },
    );
  });

  it('throws only OtpUriError for arbitrary strings and arbitrary payload bytes', () => {
    const inputs = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((s) => `otpauth-migration://offline?data=${s}`),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => `otpauth-migration://offline?data=${Buffer.from(bytes).toString('base64')}`),
      // Valid outer frames around garbage inner bytes exercise the OtpParameters decoder.
      fc.uint8Array({ maxLength: 100 }).map((bytes) => {
        const framed = Buffer.concat([Buffer.from([0x0a, bytes.length]), Buffer.from(bytes)]);
        return `otpauth-migration://offline?data=${encodeURIComponent(framed.toString('base64'))}`;
      }),
    );
    fc.assert(fc.property(inputs, onlyTypedErrors(parseMigrationUri)), { numRuns: 2000 });
  });
});
