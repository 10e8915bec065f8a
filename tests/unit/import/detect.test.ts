import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TesseraError } from '@/lib/errors';
import { ImportFormatError, detectFormat, importFile, parseAegis, parseAndOtp, parseTwoFas, type ImportFormat } from '@/lib/import';
import { okAccounts, expectAllMatch } from './vectors';

const read = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFormatError);
  return (error as ImportFormatError).code;
}

function syncErrorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as ImportFormatError).code;
  }
  throw new Error('expected an ImportFormatError');
}

/** The 8-byte PNG signature and an IHDR chunk, read as UTF-8 text the way a file picker hands it over. */
const PNG_AS_TEXT = new TextDecoder().decode(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66]),
);

describe('detectFormat', () => {
  it.each<[string, ImportFormat]>([
    ['aegis_plain.json', 'aegis'],
    ['aegis_encrypted.json', 'aegis'],
    ['2fas_authenticator.json', '2fas'],
    ['2fas_authenticator_plain.2fas', '2fas'],
    ['2fas_authenticator_encrypted_v4.2fas', '2fas'],
    ['andotp_plain.json', 'andotp'],
    ['freeotp_plus.json', 'freeotp-plus'],
    ['bitwarden.json', 'bitwarden-json'],
    ['bitwarden.csv', 'bitwarden-csv'],
    ['ente_auth.txt', 'ente'],
    ['plain.txt', 'otpauth-text'],
    ['google_authenticator_export.txt', 'google-authenticator'],
    ['authenticator_extension.json', 'authenticator-extension'],
  ])('recognises %s as %s by its content, whatever the file is called', (name, format) => {
    expect(detectFormat(name, read(name))).toBe(format);
    expect(detectFormat('renamed.bin', read(name))).toBe(format);
  });

  it('refuses a PNG, JSON of no known app, and prose', () => {
    expect(syncErrorCode(() => detectFormat('qr.png', PNG_AS_TEXT))).toBe('image-not-export');
    expect(syncErrorCode(() => detectFormat('x.json', '{"hello": "world"}'))).toBe('not-this-format');
    expect(syncErrorCode(() => detectFormat('notes.txt', 'my codes are on my phone'))).toBe('not-this-format');
  });
});

describe('binary-looking files', () => {
  const messageOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as ImportFormatError;
    }
    throw new Error('did not throw');
  };

  it('calls a PNG an image and points to the QR image import', () => {
    const error = messageOf(() => detectFormat('qr.png', PNG_AS_TEXT));
    expect(error.message).toMatch(/^This is an image.*QR image import/);
  });

  it('calls a JSON export with binary garbage inside damaged, not an image', () => {
    const corrupt = '{"version":1,"db":' + '\uFFFD'.repeat(20) + '\u0000\u0001}';
    const error = messageOf(() => detectFormat('aegis-export.json', corrupt));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/looks damaged/);
    expect(error.message).not.toMatch(/image/);
  });

  it('calls a binary file that is neither an image nor named like an export "not a file Tessera can import"', () => {
    const error = messageOf(() => detectFormat('program.bin', '\u0000\u0001\u0002ELF'));
    expect(error.code).toBe('not-this-format');
    expect(error.message).toMatch(/^This is not a file Tessera can import/);
  });
});

describe('encrypted exports Tessera cannot open', () => {
  it.each([
    ['backup.json', JSON.stringify({ encrypted: true, passwordProtected: true, salt: 'x', kdfIterations: 600000, encKeyValidation_DO_NOT_EDIT: 'x', data: 'x' }), /Bitwarden/],
    ['ente.txt', JSON.stringify({ version: 1, kdfParams: { memLimit: 1, opsLimit: 1, salt: 'x' }, encryptedData: 'x', encryptionNonce: 'x' }), /ente/],
    ['otp_accounts_2024.json.aes', '\u0000\u0001binary', /andOTP/],
  ])('refuses %s as unsupported-encryption and says how to export a readable file', (name, text, app) => {
    let error: unknown;
    try {
      detectFormat(name, text);
    } catch (e) {
      error = e;
    }
    expect((error as ImportFormatError).code).toBe('unsupported-encryption');
    expect((error as ImportFormatError).message).toMatch(app);
    expect((error as ImportFormatError).message).toMatch(/export/i);
  });
});

describe('importFile', () => {
  it('detects and parses in one call', async () => {
    const { format, candidates } = await importFile('aegis-export.json', read('aegis_plain.json'));
    expect(format).toBe('aegis');
    await expectAllMatch(okAccounts(candidates), 7);
  });

  it('passes the password to encrypted formats and tells a wrong one', async () => {
    const { candidates } = await importFile('backup.2fas', read('2fas_authenticator_encrypted_v4.2fas'), { password: 'test' });
    expect(okAccounts(candidates)).toHaveLength(5);
    expect(await errorCode(importFile('backup.2fas', read('2fas_authenticator_encrypted_v4.2fas'), { password: 'tes' }))).toBe('wrong-password');
    expect(await errorCode(importFile('backup.2fas', read('2fas_authenticator_encrypted_v4.2fas')))).toBe('password-required');
  });
});

describe('hostile files', () => {
  it('says truncated for a JSON export cut in half, in detection and in each parser', async () => {
    const aegis = read('aegis_plain.json');
    const cut = aegis.slice(0, Math.floor(aegis.length / 2));
    expect(await errorCode(importFile('aegis.json', cut))).toBe('truncated');
    expect(await errorCode(parseAegis(cut))).toBe('truncated');
    const twoFas = read('2fas_authenticator_plain_v4.2fas');
    expect(await errorCode(parseTwoFas(twoFas.slice(0, twoFas.indexOf('"secret"') + 12)))).toBe('truncated');
  });

  it('says malformed for JSON that is broken but not cut off', async () => {
    expect(await errorCode(importFile('x.json', '{"services": [1,, 2], "schemaVersion": 4}'))).toBe('malformed');
  });

  it('says not-this-format when a file is given to the wrong parser', async () => {
    expect(await errorCode(parseAegis(read('andotp_plain.json')))).toBe('not-this-format');
    expect(await errorCode(parseAndOtp(read('aegis_plain.json')))).toBe('not-this-format');
    expect(await errorCode(parseAegis(PNG_AS_TEXT))).toBe('malformed');
    expect(await errorCode(importFile('qr.png', PNG_AS_TEXT))).toBe('image-not-export');
  });

  it('refuses a 6 MB file before parsing it', async () => {
    const big = `[${'{"secret":"JBSWY3DPEHPK3PXP","type":"TOTP"},'.repeat(150_000)}{}]`;
    expect(big.length).toBeGreaterThan(6_000_000);
    expect(await errorCode(importFile('big.json', big))).toBe('too-large');
    expect(await errorCode(parseAndOtp(big))).toBe('too-large');
    expect(await errorCode(importFile('big.txt', `otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n`.repeat(150_000)))).toBe('too-large');
  });

  it('counts bytes, not characters: 2 million three-byte characters are too large', async () => {
    expect(await errorCode(importFile('wide.txt', '€'.repeat(2_000_000)))).toBe('too-large');
  });

  it('refuses 10,000-deep nesting as too-deep, as text and as a parsed object', async () => {
    expect(await errorCode(importFile('deep.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`))).toBe('too-deep');
    expect(await errorCode(parseAegis(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`))).toBe('too-deep');
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { header: { slots: null }, db: deep };
    expect(await errorCode(parseAegis(deep))).toBe('too-deep');
  });

  it('does not count brackets inside strings towards the depth', async () => {
    const vault = JSON.parse(read('aegis_plain.json'));
    vault.db.entries[0].name = '['.repeat(100);
    const candidates = await parseAegis(JSON.stringify(vault));
    expect(candidates.filter((c) => c.ok)).toHaveLength(7);
  });

  it('says empty for an empty file', async () => {
    expect(await errorCode(parseAegis('  \n'))).toBe('empty');
  });

  it('never crashes on arbitrary text: it returns candidates or throws a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.string().map((s) => `otpauth://totp/${s}`)), async (text) => {
        try {
          await importFile('input', text);
        } catch (error) {
          expect(error).toBeInstanceOf(TesseraError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on a fixture cut at any point', async () => {
    const files = ['aegis_plain.json', '2fas_authenticator_plain_v4.2fas', 'andotp_plain.json', 'freeotp_plus.json', 'bitwarden.csv', 'ente_auth.txt'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.double({ min: 0, max: 1, noNaN: true }), async (name, fraction) => {
        const text = read(name);
        try {
          await importFile(name, text.slice(0, Math.floor(text.length * fraction)));
        } catch (error) {
          expect(error).toBeInstanceOf(TesseraError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('labelOf (#14.6)', () => {
  it('names an entry without invisible formatting characters, as the vault will store it', async () => {
    const { labelOf } = await import('@/lib/import/input');
    expect(labelOf('\u202Emoc.elgoog', 'al\u200Bice', 'Entry 1')).toBe('moc.elgoog (alice)');
    expect(labelOf('\u200B', '', 'Entry 1')).toBe('Entry 1');
  });
});
