import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import {
  backupFileName,
  exportAccountUri,
  exportBackup,
  exportMigrationList,
  exportOtpauthList,
  readBackup,
} from '@/lib/backup';
import { importFile } from '@/lib/import';
import { decodeBase32, parseMigrationBatch } from '@/lib/otp';
import { setUpVault } from '../vault/helpers';
import { VECTORS, expectAllMatch, okAccounts, type Vector } from '../import/vectors';

const BOUND = { issuer: 'Bank', account: 'me', secret: 'JBSWY3DPEHPK3PXP' };

/** A vault holding the Aegis vector set, plus one device-bound account that must never leave. */
async function vaultWithVectors() {
  const { vault } = await setUpVault();
  await vault.addMany(VECTORS.map((v) => ({ ...v, secret: decodeBase32(v.secret) })));
  await vault.add({ kind: 'totp', ...BOUND, secret: decodeBase32(BOUND.secret), algorithm: 'SHA1', digits: 6, period: 30, deviceBound: true });
  return vault;
}

const boundSkip = { issuer: 'Bank', account: 'me', reason: 'device-bound' };

describe('exportBackup', () => {
  it('seals every exportable account, lists the device-bound one as skipped, and reads back to the vectors', async () => {
    const vault = await vaultWithVectors();
    const result = await exportBackup(vault, 'correct horse battery', { now: Date.UTC(2025, 4, 6, 12) });
    expect(result.exported).toBe(VECTORS.length);
    expect(result.skipped).toEqual([boundSkip]);
    expect(result.fileName).toMatch(/^tessera-backup-2025-05-0[67]\.tessera$/);
    expect(result.fileText).not.toContain(VECTORS[0]!.secret);
    expect(result.fileText).not.toContain(BOUND.secret);

    const { accounts } = await readBackup(result.fileText, 'correct horse battery');
    await expectAllMatch(okAccounts(accounts), VECTORS.length);
  });

  it('refuses a passphrase shorter than 8 characters before reading any secret', async () => {
    const vault = await vaultWithVectors();
    let reads = 0;
    const source = { ...vault, list: vault.list, get: vault.get, exportableSecret: (id: string) => (reads++, vault.exportableSecret(id)) };
    await expect(exportBackup(source, 'short')).rejects.toMatchObject({ code: 'weak-passphrase' });
    expect(reads).toBe(0);
  });

  it('names the file by the local date', () => {
    expect(backupFileName(new Date(2024, 0, 9, 23, 59).getTime())).toBe('tessera-backup-2024-01-09.tessera');
  });
});

describe('exportOtpauthList', () => {
  it('writes one URI per account that an independent parser reads back to the vectors', async () => {
    const vault = await vaultWithVectors();
    const { text, exported, skipped } = await exportOtpauthList(vault);
    const lines = text.trimEnd().split('\n');
    expect(exported).toBe(VECTORS.length);
    expect(lines).toHaveLength(VECTORS.length);
    expect(skipped).toEqual([boundSkip]);
    expect(text).not.toContain(BOUND.secret);
    // Steam URIs are Tessera's/Aegis's own scheme; the otpauth library reads totp/hotp only.
    for (const line of lines.filter((l) => !l.startsWith('otpauth://steam/'))) {
      const parsed = OTPAuth.URI.parse(line);
      const expected = VECTORS.find((v) => v.issuer === parsed.issuer && v.account === parsed.label) as Vector;
      expect(expected).toBeDefined();
      expect(parsed.secret.base32).toBe(expected.secret);
      expect(parsed.algorithm).toBe(expected.algorithm);
      expect(parsed.digits).toBe(expected.digits);
      if (parsed instanceof OTPAuth.HOTP) expect(parsed.counter).toBe(expected.counter);
      else expect((parsed as OTPAuth.TOTP).period).toBe(expected.period);
    }
  });

  it('re-imports through the plain-text importer to the same accounts', async () => {
    const vault = await vaultWithVectors();
    const { text } = await exportOtpauthList(vault);
    const { format, candidates } = await importFile('tessera.txt', text);
    expect(format).toBe('otpauth-text');
    await expectAllMatch(okAccounts(candidates), VECTORS.length);
  });
});

describe('exportMigrationList', () => {
  it('batches what Google Authenticator can hold and skips the rest with the reason', async () => {
    const vault = await vaultWithVectors();
    const { uris, exported, skipped } = await exportMigrationList(vault, { maxChars: 200, batchId: 7 });
    // GA holds 30 s TOTP and HOTP with 6 or 8 digits: Deno, Issuu, WWE (SPDX and Air Canada have 7 digits,
    // Airbnb a 50 s period, Boeing is Steam).
    expect(exported).toBe(3);
    expect(skipped.map((s) => `${s.issuer}:${s.reason}`).sort()).toEqual(
      ['Air Canada:not-representable', 'Airbnb:not-representable', 'Bank:device-bound', 'Boeing:not-representable', 'SPDX:not-representable'],
    );
    expect(uris.length).toBeGreaterThan(1);
    const batches = uris.map(parseMigrationBatch);
    batches.forEach((batch, index) => expect(batch).toMatchObject({ batchId: 7, batchIndex: index, batchSize: uris.length }));
    expect(uris.every((uri) => uri.length <= 200)).toBe(true);
    const names = batches.flatMap((b) => b.accounts.map((a) => a.issuer)).sort();
    expect(names).toEqual(['Deno', 'Issuu', 'WWE']);
  });
});

describe('exportAccountUri', () => {
  it('gives one account’s URI and refuses a device-bound account with its reason', async () => {
    const vault = await vaultWithVectors();
    const list = await vault.list();
    const deno = list.find((a) => a.issuer === 'Deno')!;
    const bound = list.find((a) => a.deviceBound)!;
    const { uri } = await exportAccountUri(vault, deno.id);
    expect(OTPAuth.URI.parse(uri).secret.base32).toBe('4SJHB4GSD43FZBAI7C2HLRJGPQ');
    await expect(exportAccountUri(vault, bound.id)).rejects.toMatchObject({ code: 'device-bound' });
  });
});
