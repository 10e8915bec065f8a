import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ImportFormatError,
  parseAegis,
  parseAndOtp,
  parseAuthenticatorExtension,
  parseBitwardenCsv,
  parseBitwardenJson,
  parseEnte,
  parseFreeOtpPlus,
  parseGoogleAuthenticator,
  parseOtpauthText,
  parseTwoFas,
  type ImportCandidate,
} from '@/lib/import';
import { decodeBase32, formatMigrationUri, generateCode } from '@/lib/otp';
import { BATTLE_NET, VECTORS, expectAllMatch, expectMatchesVector, okAccounts, vector, type Vector } from './vectors';

const read = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFormatError);
  return (error as ImportFormatError).code;
}

const problems = (candidates: ImportCandidate[]) =>
  candidates.flatMap((c) => (c.ok ? [] : [{ label: c.label, code: c.problem.code }]));

describe('parseOtpauthText', () => {
  it('reads plain.txt: all seven accounts, down to their codes', async () => {
    await expectAllMatch(okAccounts(await parseOtpauthText(read('plain.txt'))), 7);
  });

  it('reports a line that is not a URI and a URI that does not parse, and keeps the rest', async () => {
    const text = `${read('plain.txt')}hello\notpauth://totp/X:y?secret=1111\n`;
    const candidates = await parseOtpauthText(text);
    expect(candidates.filter((c) => c.ok)).toHaveLength(7);
    expect(problems(candidates)).toEqual([
      { label: 'Line 8', code: 'not-a-uri' },
      { label: 'Line 9', code: 'invalid-base32' },
    ]);
  });

  it('refuses a privacyIDEA two-step URI with its reason instead of storing the server half', async () => {
    // privacyIDEA's create_google_authenticator_url layout (standards.md 4.1).
    const twoStep = 'otpauth://totp/TOTP0001?secret=ZSHO3442AUYM47ZYBOOEXWLUHN4UHGBO&period=30&digits=6&creator=privacyidea&issuer=privacyIDEA&serial=TOTP0001&2step_salt=8&2step_output=20&2step_difficulty=10000';
    const candidates = await parseOtpauthText(`${read('plain.txt')}${twoStep}\n`);
    expect(candidates.filter((c) => c.ok)).toHaveLength(7);
    const [refused] = candidates.filter((c) => !c.ok);
    expect(refused).toMatchObject({ label: 'Line 8', problem: { code: 'two-step-enrollment' } });
    expect(!refused!.ok && refused!.problem.message).toMatch(/two-step enrollment.*scan it from the enrollment page/i);
  });
});

describe('parseAegis', () => {
  it('reads the plain vault: all seven accounts, down to their codes', async () => {
    await expectAllMatch(okAccounts(await parseAegis(read('aegis_plain.json'))), 7);
  });

  it('reads the encrypted vault with its password', async () => {
    await expectAllMatch(okAccounts(await parseAegis(read('aegis_encrypted.json'), { password: 'test' })), 7);
  });

  it('asks for a password, and tells a wrong one, for the encrypted vault', async () => {
    expect(await errorCode(parseAegis(read('aegis_encrypted.json')))).toBe('password-required');
    expect(await errorCode(parseAegis(read('aegis_encrypted.json'), { password: 'nope' }))).toBe('wrong-password');
  });

  it('accepts parsed JSON as well as text', async () => {
    await expectAllMatch(okAccounts(await parseAegis(JSON.parse(read('aegis_plain.json')))), 7);
  });

  it('reports motp and yandex entries as unsupported types and imports the others', async () => {
    const vault = JSON.parse(read('aegis_plain.json'));
    vault.db.version = 3;
    vault.db.groups = [];
    vault.db.entries.push(
      { type: 'motp', uuid: 'a', name: 'm', issuer: 'MOTP', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 10, pin: '1234' } },
      { type: 'yandex', uuid: 'b', name: 'y', issuer: 'Yandex', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8, period: 30, pin: '1234' } },
      { type: 'totp', uuid: 'c', name: 'z', issuer: 'Broken', info: { secret: '1!', algo: 'SHA1', digits: 6, period: 30 } },
    );
    const candidates = await parseAegis(vault);
    expect(candidates.filter((c) => c.ok)).toHaveLength(7);
    expect(problems(candidates)).toEqual([
      { label: 'MOTP (m)', code: 'unsupported-type' },
      { label: 'Yandex (y)', code: 'unsupported-type' },
      { label: 'Broken (z)', code: 'invalid-base32' },
    ]);
  });

  it('refuses a content version newer than 3, and an andOTP file', async () => {
    const vault = JSON.parse(read('aegis_plain.json'));
    vault.db.version = 4;
    expect(await errorCode(parseAegis(vault))).toBe('unsupported-version');
    expect(await errorCode(parseAegis(read('andotp_plain.json')))).toBe('not-this-format');
  });
});

describe('parseTwoFas', () => {
  const totpOnly = (v: Vector): Vector => ({ ...v, kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: undefined });
  // DatabaseImporterTest.checkImportedTwoFASEntries: schema 2 keeps algorithm and digits, knows no HOTP.
  const schema2 = (v: Vector): Vector => ({ ...v, kind: 'totp', period: v.period ?? 30, counter: undefined });
  const strip = (v: Vector): Vector => JSON.parse(JSON.stringify(v));

  it('reads schema 1 (TOTP only, no parameters)', async () => {
    await expectAllMatch(okAccounts(await parseTwoFas(read('2fas_authenticator.json'))), 6, (v) => strip(totpOnly(v)));
  });

  it('reads schema 2, plain and encrypted', async () => {
    await expectAllMatch(okAccounts(await parseTwoFas(read('2fas_authenticator_plain.2fas'))), 4, (v) => strip(schema2(v)));
    const encrypted = await parseTwoFas(read('2fas_authenticator_encrypted.2fas'), { password: 'test' });
    await expectAllMatch(okAccounts(encrypted), 4, (v) => strip(schema2(v)));
  });

  it('reads schema 3 and 4 with HOTP counters and Steam', async () => {
    await expectAllMatch(okAccounts(await parseTwoFas(read('2fas_authenticator_plain_v3.2fas'))), 6);
    await expectAllMatch(okAccounts(await parseTwoFas(read('2fas_authenticator_plain_v4.2fas'))), 5);
    await expectAllMatch(okAccounts(await parseTwoFas(read('2fas_authenticator_encrypted_v4.2fas'), { password: 'test' })), 5);
  });

  it('asks for the password and tells a wrong one', async () => {
    expect(await errorCode(parseTwoFas(read('2fas_authenticator_encrypted_v4.2fas')))).toBe('password-required');
    expect(await errorCode(parseTwoFas(read('2fas_authenticator_encrypted_v4.2fas'), { password: 'x' }))).toBe('wrong-password');
  });

  it('refuses a schema newer than 4', async () => {
    const file = JSON.parse(read('2fas_authenticator_plain_v4.2fas'));
    file.schemaVersion = 5;
    expect(await errorCode(parseTwoFas(file))).toBe('unsupported-version');
  });
});

describe('parseAndOtp', () => {
  it('reads padded base32, HOTP and STEAM entries down to their codes', async () => {
    await expectAllMatch(okAccounts(await parseAndOtp(read('andotp_plain.json'))), 7);
  });

  it('splits the old "Issuer - Account" label when there is no issuer', async () => {
    const [entry] = JSON.parse(read('andotp_plain.json'));
    const old = { ...entry, issuer: undefined, label: 'Deno - Mason' };
    const [account] = okAccounts(await parseAndOtp([old]));
    await expectMatchesVector(account!, vector('Deno', 'Mason'));
  });
});

describe('parseFreeOtpPlus', () => {
  it('reads signed byte secrets and turns its counter (last shown) into the next counter', async () => {
    const accounts = okAccounts(await parseFreeOtpPlus(read('freeotp_plus.json')));
    await expectAllMatch(accounts, 6);
    // The file stores 10299 for WWE; the vector (and the URI it was scanned from) says 10300.
    expect(accounts.find((a) => a.issuer === 'WWE')?.counter).toBe(10300);
  });

  it('treats issuer "Steam" as a Steam token', async () => {
    const file = JSON.parse(read('freeotp_plus.json'));
    const deno = file.tokens.find((t: { issuerExt: string }) => t.issuerExt === 'Deno');
    const [account] = okAccounts(await parseFreeOtpPlus({ tokens: [{ ...deno, issuerExt: 'Steam', digits: 5 }] }));
    expect(account?.kind).toBe('steam');
  });
});

describe('parseBitwardenJson and parseBitwardenCsv', () => {
  // Steam and bare secrets carry no label of their own: the item name becomes the issuer.
  const boeing = (issuer: string): Vector => ({ ...vector('Boeing', 'Sophia'), issuer, account: '' });

  it('reads otpauth URIs and steam:// keys from the JSON export', async () => {
    const accounts = okAccounts(await parseBitwardenJson(read('bitwarden.json')));
    expect(accounts).toHaveLength(4);
    await expectAllMatch(accounts.slice(0, 3), 3);
    await expectMatchesVector(accounts[3]!, boeing('Test Steam'));
  });

  it('reads the same from the CSV export', async () => {
    const accounts = okAccounts(await parseBitwardenCsv(read('bitwarden.csv')));
    expect(accounts).toHaveLength(4);
    await expectAllMatch(accounts.slice(0, 3), 3);
    await expectMatchesVector(accounts[3]!, boeing('Test 4'));
  });

  it('parses CSV quoting (commas, doubled quotes, line breaks), skips logins without TOTP, reads bare secrets', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp',
      ',,login,"Deno, Inc. ""main""","a note, with\na line break",,https://deno.land,mason@example.com,"p,w",4SJH B4GS D43F ZBAI 7C2H LRJG PQ',
      ',,login,No TOTP,,,,,secret,',
      ',,login,Broken,,,,,,not a secret!',
    ].join('\r\n');
    const candidates = await parseBitwardenCsv(csv);
    expect(candidates).toHaveLength(2);
    const [account] = okAccounts(candidates.slice(0, 1));
    await expectMatchesVector(account!, { ...vector('Deno', 'Mason'), issuer: 'Deno, Inc. "main"', account: 'mason@example.com' });
    expect(problems(candidates)).toEqual([{ label: 'Broken', code: 'unrecognised-totp' }]);
  });

  it('refuses an encrypted Bitwarden export with a way out', async () => {
    const error = await parseBitwardenJson({ encrypted: true, encKeyValidation_DO_NOT_EDIT: 'x', data: 'y' }).catch((e: unknown) => e);
    expect((error as ImportFormatError).code).toBe('unsupported-encryption');
    expect((error as ImportFormatError).message).toMatch(/unencrypted/);
  });
});

describe('parseEnte', () => {
  it('reads every line, ignoring codeDisplay and lower-case algorithms', async () => {
    await expectAllMatch(okAccounts(await parseEnte(read('ente_auth.txt'))), 7);
  });

  it("reports entries in ente's trash instead of importing them", async () => {
    const trashed = read('ente_auth.txt').split('\n')[3]!.replace('%22trashed%22%3Afalse', '%22trashed%22%3Atrue');
    const candidates = await parseEnte(trashed);
    expect(problems(candidates)).toEqual([{ label: 'Deno (Mason)', code: 'in-trash' }]);
  });
});

describe('parseAuthenticatorExtension', () => {
  it('reads every type it exports (totp, hotp, steam, battle), skips key objects, reports encrypted entries', async () => {
    const candidates = await parseAuthenticatorExtension(read('authenticator_extension.json'));
    expect(candidates).toHaveLength(10);
    const accounts = candidates.flatMap((c) => (c.ok ? [c.account] : []));
    await expectAllMatch(accounts.slice(0, 7), 7);
    await expectMatchesVector(accounts[7]!, BATTLE_NET);
    // The extension's own historical fixture entry: defaults everywhere.
    await expectMatchesVector(accounts[8]!, { kind: 'totp', issuer: '', account: 'test', secret: 'ABCD2345', algorithm: 'SHA1', digits: 6, period: 30 });
    const encrypted = candidates[9]!;
    expect(encrypted.ok).toBe(false);
    if (!encrypted.ok) {
      expect(encrypted.problem.code).toBe('encrypted-entry');
      expect(encrypted.problem.message).toMatch(/export unencrypted/);
    }
  });

  it('reads hex secrets, numeric enums and legacy stm-/blz- prefixes', async () => {
    const deno = VECTORS[0]!;
    const hex = Buffer.from(decodeBase32(deno.secret)).toString('hex');
    const candidates = await parseAuthenticatorExtension({
      a: { type: 'hex', secret: hex, issuer: 'Deno', account: 'Mason', index: 0 },
      b: { type: 2, algorithm: 3, digits: 8, counter: 10300, secret: '5VAML3X35THCEBVRLV24CGBKOY', issuer: 'WWE', account: 'Mason', index: 1 },
      c: { type: 'totp', secret: 'stm-JRZCL47CMXVOQMNPZR2F7J4RGI', issuer: 'Boeing', account: 'Sophia', index: 2 },
      d: { type: 'totp', secret: 'blz-BMGRXPGFARQQF4GMT25JATL2VYLAHDBI', issuer: 'Battle.net', account: 'US-2211-2050-3346', index: 3 },
      e: { type: 'totp', algorithm: 'GOST3411_2012_256', secret: 'JBSWY3DPEHPK3PXP', issuer: 'GOST', account: 'g', index: 4 },
    });
    const accounts = candidates.flatMap((c) => (c.ok ? [c.account] : []));
    await expectMatchesVector(accounts[0]!, deno);
    await expectMatchesVector(accounts[1]!, vector('WWE', 'Mason'));
    await expectMatchesVector(accounts[2]!, vector('Boeing', 'Sophia'));
    await expectMatchesVector(accounts[3]!, BATTLE_NET);
    expect(problems(candidates)).toEqual([{ label: 'GOST (g)', code: 'unsupported-algorithm' }]);
  });
});

describe('parseGoogleAuthenticator', () => {
  // scito/extract_otp_secrets example_output.json, the decoding of example_export.txt.
  const SCITO_SECRET = '7KSQL2JTUDIS5EF65KLMRQIIGY';
  const EXPECTED = [
    { name: 'pi@raspberrypi', issuer: 'raspberrypi', type: 'totp' },
    { name: 'pi@raspberrypi', issuer: '', type: 'totp' },
    { name: 'pi@raspberrypi', issuer: '', type: 'totp' },
    { name: 'pi@raspberrypi', issuer: 'raspberrypi', type: 'totp' },
    { name: 'hotp demo', issuer: '', type: 'hotp', counter: 4 },
    { name: 'encoding: ¿äÄéÉ? (demo)', issuer: '', type: 'totp' },
  ];

  it('reads every account of every export URI, skipping comments, down to their codes', async () => {
    const accounts = okAccounts(await parseGoogleAuthenticator(read('google_authenticator_export.txt')));
    expect(accounts).toHaveLength(EXPECTED.length);
    const key = decodeBase32(SCITO_SECRET);
    for (const [i, expected] of EXPECTED.entries()) {
      const account = accounts[i]!;
      expect(account.kind).toBe(expected.type);
      expect(Array.from(account.secret)).toEqual(Array.from(key));
      // GA's name may carry an "issuer:" prefix that the parser splits off (Aegis does the same).
      const full = account.issuer !== '' && !expected.issuer ? `${account.issuer}: ${account.account}` : account.account;
      expect(full).toBe(expected.name);
      if (expected.issuer) expect(account.issuer).toBe(expected.issuer);
      const params = { kind: expected.type as 'totp' | 'hotp', algorithm: 'SHA1' as const, digits: 6, period: 30, counter: expected.counter };
      expect(await generateCode(account.secret, account, 1_700_000_000_000)).toBe(await generateCode(key, params, 1_700_000_000_000));
    }
  });

  it('names the missing QR codes of a multi-code export', async () => {
    const deno = { ...VECTORS[0]!, secret: decodeBase32(VECTORS[0]!.secret) };
    const uri = formatMigrationUri([deno], { batchSize: 3, batchIndex: 1, batchId: 77 });
    const candidates = await parseGoogleAuthenticator(uri);
    expect(candidates.filter((c) => c.ok)).toHaveLength(1);
    const last = candidates.at(-1)!;
    expect(last.ok).toBe(false);
    if (!last.ok) {
      expect(last.problem.code).toBe('incomplete-export');
      expect(last.problem.message).toContain('1, 3');
    }
  });

  it('reports a damaged export URI as one problem and refuses a file without any', async () => {
    const candidates = await parseGoogleAuthenticator('otpauth-migration://offline?data=CjUKEPql');
    expect(problems(candidates)).toEqual([{ label: 'QR code on line 1', code: 'malformed-payload' }]);
    expect(await errorCode(parseGoogleAuthenticator('# nothing here\n'))).toBe('not-this-format');
  });
});
