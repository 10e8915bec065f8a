import { beforeAll, describe, expect, it } from 'vitest';
import {
  BackupFormatError,
  createBackup,
  partitionExportable,
  readBackup,
  type ExportableAccount,
} from '@/lib/backup';
import { PassphraseError, sealWithPassphrase } from '@/lib/crypto/passphrase';
import { ImportFormatError, importFile } from '@/lib/import';
import { decodeBase32 } from '@/lib/otp';
import { VECTORS, expectAllMatch, okAccounts } from '../import/vectors';

const PASSPHRASE = 'pässwörd: Tessera backup 1';

const ACCOUNTS: ExportableAccount[] = VECTORS.map((v, i) => ({
  ...v,
  secret: decodeBase32(v.secret),
  sites: i === 0 ? [{ match: 'origin', origin: 'https://deno.land' }, { match: 'site', site: 'deno.com' }] : [],
  pinned: i === 1,
  order: 10 - i,
}));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as { code: string }).code;
}

describe('tessera backup', () => {
  let fileText: string;
  beforeAll(async () => {
    fileText = await createBackup(ACCOUNTS, PASSPHRASE, { now: Date.UTC(2025, 0, 2, 3, 4, 5) });
  });

  it('writes the documented wrapper around a 600,000-iteration envelope', () => {
    const file = JSON.parse(fileText);
    expect(file).toMatchObject({ format: 'tessera-backup', version: 1, app: 'Tessera', createdAt: '2025-01-02T03:04:05.000Z' });
    expect(file.encryption).toMatchObject({ v: 1, alg: 'A256GCM', kdf: { name: 'PBKDF2-SHA256', iterations: 600_000 } });
  });

  it('holds no secret in the clear (base32, hex or base64)', () => {
    for (const account of ACCOUNTS) {
      const bytes = Buffer.from(account.secret);
      for (const form of [VECTORS.find((v) => v.issuer === account.issuer)!.secret, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, '')]) {
        expect(fileText).not.toContain(form);
      }
    }
    expect(fileText).not.toContain('Deno');
  });

  it('round-trips every account, with bindings, pin and order, down to its codes', async () => {
    const { accounts, createdAt } = await readBackup(fileText, PASSPHRASE);
    expect(createdAt).toBe('2025-01-02T03:04:05.000Z');
    await expectAllMatch(okAccounts(accounts), 7);
    expect(accounts.map((c) => (c.ok ? c.extras : undefined))).toEqual(
      ACCOUNTS.map(({ sites, pinned, order }) => ({ sites, pinned, order })),
    );
  });

  it('says wrong-passphrase for a wrong passphrase', async () => {
    expect(await codeOf(readBackup(fileText, 'pässwörd: Tessera backup 2'))).toBe('wrong-passphrase');
  });

  it('reads a one-byte change of the ciphertext as "wrong passphrase or damaged file"', async () => {
    const file = JSON.parse(fileText);
    const ct = Buffer.from(file.encryption.ct, 'base64');
    ct[ct.length >> 1]! ^= 0x80;
    file.encryption.ct = ct.toString('base64');
    const error = await readBackup(JSON.stringify(file), PASSPHRASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PassphraseError);
    expect((error as PassphraseError).code).toBe('wrong-passphrase');
    expect((error as PassphraseError).message).toMatch(/damaged/);
  });

  it('refuses an envelope sealed for another purpose (no backup AAD)', async () => {
    const file = JSON.parse(fileText);
    file.encryption = await sealWithPassphrase(new TextEncoder().encode('{"accounts":[]}'), PASSPHRASE);
    expect(await codeOf(readBackup(JSON.stringify(file), PASSPHRASE))).toBe('wrong-passphrase');
  });

  it.each<[string, (text: string) => string, string]>([
    ['a truncated file', (t) => t.slice(0, t.length - 40), 'truncated'],
    ['an empty file', () => '', 'empty'],
    ['text that is not JSON', () => 'tessera backup', 'malformed'],
    ['another app\'s export', () => JSON.stringify({ version: 1, header: { slots: null, params: null }, db: {} }), 'not-a-backup'],
    ['a newer version', (t) => JSON.stringify({ ...JSON.parse(t), version: 2 }), 'unsupported-version'],
    ['a version of the wrong type', (t) => JSON.stringify({ ...JSON.parse(t), version: '1' }), 'malformed'],
    ['no envelope', (t) => JSON.stringify({ ...JSON.parse(t), encryption: null }), 'corrupt-envelope'],
    ['an IV of the wrong length', (t) => JSON.stringify({ ...JSON.parse(t), encryption: { ...JSON.parse(t).encryption, iv: 'AAAA' } }), 'corrupt-envelope'],
    [
      'iterations below the floor',
      (t) => {
        const file = JSON.parse(t);
        file.encryption.kdf.iterations = 10_000;
        return JSON.stringify(file);
      },
      'unsupported-envelope',
    ],
    ['a 6 MB file', (t) => t.replace('"app"', `"padding": "${'x'.repeat(6_000_000)}", "app"`), 'too-large'],
    ['10,000-deep nesting', () => `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'too-deep'],
  ])('refuses %s with a typed error and no result', async (_name, mutate, code) => {
    const error = await readBackup(mutate(fileText), PASSPHRASE).catch((e: unknown) => e);
    expect(error instanceof BackupFormatError || error instanceof PassphraseError).toBe(true);
    expect((error as BackupFormatError).code).toBe(code);
  });

  it('says corrupt-payload when the decrypted content is not an account list', async () => {
    const file = JSON.parse(fileText);
    file.encryption = await sealWithPassphrase(new TextEncoder().encode('[1,2,3]'), PASSPHRASE, {
      aad: new TextEncoder().encode('tessera-backup/v1'),
    });
    expect(await codeOf(readBackup(JSON.stringify(file), PASSPHRASE))).toBe('corrupt-payload');
  });

  it('restores through importFile, speaking the import error codes', async () => {
    const { format, candidates } = await importFile('accounts.tessera', fileText, { password: PASSPHRASE });
    expect(format).toBe('tessera-backup');
    expect(okAccounts(candidates)).toHaveLength(7);
    const error = await importFile('accounts.tessera', fileText, { password: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFormatError);
    expect((error as ImportFormatError).code).toBe('wrong-password');
    expect(await codeOf(importFile('accounts.tessera', fileText))).toBe('password-required');
  });

  it('refuses weak iterations and device-bound accounts when creating', async () => {
    await expect(createBackup(ACCOUNTS, PASSPHRASE, { iterations: 100_000 })).rejects.toBeInstanceOf(RangeError);
    const bound = { ...ACCOUNTS[0]!, deviceBound: true } as ExportableAccount;
    await expect(createBackup([bound], PASSPHRASE)).rejects.toBeInstanceOf(RangeError);
    await expect(createBackup([{ ...ACCOUNTS[0]!, digits: 99 }], PASSPHRASE)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('partitionExportable', () => {
  it('lists device-bound accounts as skipped with the reason and keeps the others', () => {
    const metas = [
      { id: 'a', issuer: 'Deno', account: 'Mason', deviceBound: false },
      { id: 'b', issuer: 'Bank', account: 'me', deviceBound: true },
    ];
    expect(partitionExportable(metas)).toEqual({
      exportable: [metas[0]],
      skipped: [{ id: 'b', issuer: 'Bank', account: 'me', reason: 'device-bound' }],
    });
  });
});
