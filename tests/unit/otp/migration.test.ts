import { readFileSync } from 'node:fs';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import {
  decodeBase32,
  encodeBase32,
  formatMigrationBatches,
  formatMigrationUri,
  OtpUriError,
  parseMigrationBatch,
  parseMigrationUri,
  type OtpAccountData,
} from '@/lib/otp';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/otp/${name}`, import.meta.url), 'utf8');
const migrationLines = (text: string) => text.split('\n').filter((line) => line.startsWith('otpauth-migration:'));

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof OtpUriError ? error.code : `untyped ${String(error)}`;
  }
  return undefined;
};

const readable = (accounts: OtpAccountData[]) => accounts.map(({ secret, ...rest }) => ({ ...rest, secret: encodeBase32(secret) }));

/** A payload built field by field, to feed the parser shapes GA never writes but a decoder must survive. */
const payload = (build: (writer: BinaryWriter) => void): string => {
  const writer = new BinaryWriter();
  build(writer);
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(writer.finish()).toString('base64'))}`;
};
const SECRET_BYTES = decodeBase32('7KSQL2JTUDIS5EF65KLMRQIIGY');
const otpParameters = (writer: BinaryWriter, fields: (inner: BinaryWriter) => void) => {
  writer.tag(1, WireType.LengthDelimited).fork();
  fields(writer);
  writer.join();
};

describe('parseMigrationBatch', () => {
  it('decodes the standards §3.2 example (scito example_export.txt, first code)', () => {
    const batch = parseMigrationBatch(
      'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B',
    );
    expect({ ...batch, accounts: readable(batch.accounts) }).toEqual({
      accounts: [
        { kind: 'totp', issuer: 'raspberrypi', account: 'pi@raspberrypi', secret: '7KSQL2JTUDIS5EF65KLMRQIIGY', algorithm: 'SHA1', digits: 6, period: 30 },
      ],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: -1320898453, // a negative int32: a 10-byte varint on the wire
    });
  });

  it('decodes every code of scito example_export.txt to the accounts of example_output.json', () => {
    const expected = JSON.parse(fixture('scito-example_output.json')) as {
      name: string; secret: string; issuer: string; type: 'totp' | 'hotp'; counter: number | null;
    }[];
    const accounts = migrationLines(fixture('scito-example_export.txt')).flatMap((line) => parseMigrationUri(line));
    expect(readable(accounts)).toEqual(
      expected.map(({ name, secret, issuer, type, counter }) => {
        // Our documented rule (Aegis): with no issuer, a name with a colon is split. scito keeps it whole.
        const [split, account] = issuer === '' && name.includes(':') ? [name.split(':')[0]!, name.slice(name.indexOf(':') + 1).trim()] : [issuer, name];
        return {
          kind: type, issuer: split, account, secret, algorithm: 'SHA1', digits: 6,
          ...(type === 'hotp' ? { counter } : { period: 30 }),
        };
      }),
    );
    expect(accounts[5]).toMatchObject({ issuer: 'encoding', account: '¿äÄéÉ? (demo)' });
  });

  it('reads batch ids of every scito example code (checked with an independent decoder)', () => {
    const ids = migrationLines(fixture('scito-example_export.txt')).map((line) => parseMigrationBatch(line).batchId);
    expect(ids).toEqual([-1320898453, -2094403140, -1822886384, -1558849573, -171198419]);
  });

  it('keeps raw + and / in unencoded base64 (scito test_plus_problem_export.txt)', () => {
    const accounts = parseMigrationUri(fixture('scito-test_plus_problem_export.txt'));
    expect(readable(accounts).map(({ issuer, account, secret }) => [issuer, account, secret])).toEqual([
      ['SerenityLabs', 'test1@serenitylabs.co.uk', 'A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM'],
      ['SerenityLabs', 'test2@serenitylabs.co.uk', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX'],
      ['SerenityLabs', 'test3@serenitylabs.co.uk', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4'],
      ['SerenityLabs', 'test4@serenitylabs.co.uk', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN'],
    ]);
  });

  it('reads the same payload whether percent-encoded, raw, unpadded or with + turned into spaces', () => {
    const raw = 'CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK+/////8B';
    const expected = parseMigrationBatch(`otpauth-migration://offline?data=${encodeURIComponent(raw)}`);
    expect(parseMigrationBatch(`otpauth-migration://offline?data=${raw}`)).toEqual(expected);
    expect(parseMigrationBatch(`OTPAUTH-MIGRATION://OFFLINE?DATA=${raw}`)).toEqual(expected);
    expect(parseMigrationBatch(`otpauth-migration://offline?data=${raw.replace(/\+/g, ' ')}`)).toEqual(expected);
    const padded = 'CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACEAEYASAAKLzjp5n4/////wE=';
    expect(parseMigrationBatch(`otpauth-migration://offline?data=${padded.slice(0, -1)}`)).toEqual(
      parseMigrationBatch(`otpauth-migration://offline?data=${padded}`),
    );
  });

  it('reads fields in any order, skips unknown fields and maps the 8-digit, SHA256/512 and HOTP enums', () => {
    const uri = payload((w) => {
      w.tag(5, WireType.Varint).int32(7); // batch_id before the accounts
      otpParameters(w, (p) => {
        p.tag(7, WireType.Varint).int64(12345678901n);
        p.tag(6, WireType.Varint).int32(1);
        p.tag(99, WireType.LengthDelimited).string('ignored');
        p.tag(5, WireType.Varint).int32(2);
        p.tag(4, WireType.Varint).int32(3);
        p.tag(3, WireType.LengthDelimited).string('Ünï');
        p.tag(2, WireType.LengthDelimited).string('Ünï:bob');
        p.tag(1, WireType.LengthDelimited).bytes(SECRET_BYTES);
      });
      otpParameters(w, (p) => {
        p.tag(1, WireType.LengthDelimited).bytes(SECRET_BYTES);
        p.tag(2, WireType.LengthDelimited).string('carol');
        p.tag(4, WireType.Varint).int32(2);
      });
      w.tag(3, WireType.Varint).int32(3).tag(4, WireType.Varint).int32(2).tag(2, WireType.Varint).int32(1);
    });
    const batch = parseMigrationBatch(uri);
    expect(readable(batch.accounts)).toEqual([
      { kind: 'hotp', issuer: 'Ünï', account: 'bob', secret: '7KSQL2JTUDIS5EF65KLMRQIIGY', algorithm: 'SHA512', digits: 8, counter: 12345678901 },
      { kind: 'totp', issuer: '', account: 'carol', secret: '7KSQL2JTUDIS5EF65KLMRQIIGY', algorithm: 'SHA256', digits: 6, period: 30 },
    ]);
    expect(batch).toMatchObject({ version: 1, batchSize: 3, batchIndex: 2, batchId: 7 });
  });

  it.each([
    ['MD5 (enum 4)', (p: BinaryWriter) => p.tag(4, WireType.Varint).int32(4), 'unsupported-algorithm'],
    ['an unknown algorithm enum', (p: BinaryWriter) => p.tag(4, WireType.Varint).int32(9), 'unsupported-algorithm'],
    ['an unknown digit enum', (p: BinaryWriter) => p.tag(5, WireType.Varint).int32(3), 'digits-out-of-range'],
    ['an unknown type enum', (p: BinaryWriter) => p.tag(6, WireType.Varint).int32(3), 'unknown-type'],
    ['an HOTP counter of 2^53', (p: BinaryWriter) => p.tag(6, WireType.Varint).int32(1).tag(7, WireType.Varint).int64(2n ** 53n), 'bad-counter'],
    ['a negative HOTP counter', (p: BinaryWriter) => p.tag(6, WireType.Varint).int32(1).tag(7, WireType.Varint).int64(-1n), 'bad-counter'],
    ['a secret sent as a varint', (p: BinaryWriter) => p.tag(1, WireType.Varint).int32(1), 'malformed-payload'],
  ])('rejects an account with %s', (_name, extra, code) => {
    const uri = payload((w) =>
      otpParameters(w, (p) => {
        p.tag(1, WireType.LengthDelimited).bytes(SECRET_BYTES);
        p.tag(2, WireType.LengthDelimited).string('a');
        extra(p);
      }),
    );
    expect(codeOf(() => parseMigrationUri(uri))).toBe(code);
  });

  it('rejects an account without secret', () => {
    const uri = payload((w) => otpParameters(w, (p) => p.tag(2, WireType.LengthDelimited).string('a')));
    expect(codeOf(() => parseMigrationUri(uri))).toBe('missing-secret');
  });

  it.each([
    ['scito test_export_wrong_data.txt', fixture('scito-test_export_wrong_data.txt'), 'malformed-payload'],
    ['a truncated payload', 'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYS', 'malformed-payload'],
    ['a base64 character out of the alphabet', 'otpauth-migration://offline?data=CjUK*Pql', 'malformed-payload'],
    ['an impossible base64 length', 'otpauth-migration://offline?data=CjUKE', 'malformed-payload'],
    ['no data parameter', 'otpauth-migration://offline?foo=bar', 'malformed-payload'],
    ['group wire types', 'otpauth-migration://offline?data=Cw', 'malformed-payload'],
    ['bad percent-encoding', 'otpauth-migration://offline?data=%ZZ', 'malformed-uri'],
    ['another host', 'otpauth-migration://online?data=', 'unknown-type'],
    ['an otpauth URI', 'otpauth://totp/a?secret=JBSWY3DP', 'wrong-scheme'],
    ['a wrong prefix (scito test_export_wrong_prefix)', 'QR-Code:otpauth-migration://offline?data=CjUK', 'wrong-scheme'],
  ])('rejects %s with %s', (_name, uri, code) => {
    expect(codeOf(() => parseMigrationBatch(uri))).toBe(code);
  });
});

describe('formatMigrationUri', () => {
  const pi: OtpAccountData = { kind: 'totp', issuer: '', account: 'pi@raspberrypi', secret: SECRET_BYTES, algorithm: 'SHA1', digits: 6, period: 30 };

  it('writes byte for byte what Google Authenticator wrote for scito example codes 2 and 4', () => {
    const [, second, , fourth] = migrationLines(fixture('scito-example_export.txt'));
    expect(formatMigrationUri([pi], { batchId: -2094403140 })).toBe(second);
    const hotp: OtpAccountData = { kind: 'hotp', issuer: '', account: 'hotp demo', secret: SECRET_BYTES, algorithm: 'SHA1', digits: 6, counter: 4 };
    expect(formatMigrationUri([hotp], { batchId: -1558849573 })).toBe(fourth);
  });

  it('round-trips accounts with issuers, colons, unicode, HOTP counters and every algorithm', () => {
    const accounts: OtpAccountData[] = [
      { ...pi, issuer: 'raspberrypi' },
      { ...pi, issuer: 'a:b', account: 'c:d', algorithm: 'SHA256', digits: 8 },
      { ...pi, issuer: '', account: 'x:y', algorithm: 'SHA512' },
      { kind: 'hotp', issuer: 'Ünï 🔐', account: 'bob', secret: SECRET_BYTES, algorithm: 'SHA1', digits: 6, counter: Number.MAX_SAFE_INTEGER },
    ];
    const batch = parseMigrationBatch(formatMigrationUri(accounts, { batchId: -5, batchIndex: 1, batchSize: 2 }));
    expect(batch).toEqual({ accounts, version: 1, batchSize: 2, batchIndex: 1, batchId: -5 });
  });

  it.each([
    ['Steam', { kind: 'steam', digits: 5 }],
    ['a 60 s period', { period: 60 }],
    ['7 digits', { digits: 7 }],
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['an empty secret', { secret: new Uint8Array(0) }],
  ])('refuses %s with not-representable', (_name, patch) => {
    expect(codeOf(() => formatMigrationUri([{ ...pi, ...patch } as OtpAccountData]))).toBe('not-representable');
  });
});

describe('formatMigrationBatches', () => {
  const accounts: OtpAccountData[] = Array.from({ length: 12 }, (_, i) => ({
    kind: 'totp', issuer: `Issuer ${i}`, account: `user${i}@example.com`,
    secret: new Uint8Array(20).fill(i * 7 + 1), algorithm: 'SHA1', digits: 6, period: 30,
  }));

  it('splits accounts over URIs no longer than the limit, sharing one batch id, in order', () => {
    const uris = formatMigrationBatches(accounts, 300, 42);
    expect(uris.length).toBeGreaterThan(1);
    const batches = uris.map((uri) => parseMigrationBatch(uri));
    for (const [index, batch] of batches.entries()) {
      expect(uris[index]!.length).toBeLessThanOrEqual(300);
      expect(batch).toMatchObject({ batchId: 42, batchIndex: index, batchSize: uris.length, version: 1 });
    }
    expect(batches.flatMap((batch) => batch.accounts)).toEqual(accounts);
  });

  it('writes one URI when everything fits', () => {
    expect(formatMigrationBatches(accounts, 4000, 1)).toHaveLength(1);
  });

  it('refuses a limit that one account cannot fit in', () => {
    expect(codeOf(() => formatMigrationBatches(accounts, 60, 1))).toBe('too-long');
    expect(() => formatMigrationBatches(accounts, 0)).toThrowError(RangeError);
  });
});
