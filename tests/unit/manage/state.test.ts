import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { commitImport, exportBackup, previewImport, type ConflictChoice, type TransferCandidate } from '@/lib/backup';
import { createManageState, type ManageDeps } from '@/lib/manage/state';
import { openEncryptedInProcess, type DecryptTask } from '@/lib/manage/decrypt-task';
import { decodeBase32 } from '@/lib/otp';
import { setUpVault } from '../vault/helpers';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');
const file = (name: string, text: string, type = '') => new File([text], name, { type });
/** Messages are JSON: what the page sends is what survives a JSON round trip. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value));

async function setUp(qr: Record<string, string[] | Error> = {}, openEncrypted: ManageDeps['openEncrypted'] = openEncryptedInProcess) {
  const { vault } = await setUpVault();
  const saveFile = vi.fn<ManageDeps['saveFile']>();
  // A fake worker with positional arguments (the tests assert on its calls), then the page's dependencies over it.
  const api = {
    listAccounts: () => vault.list(),
    exportBackup: async (passphrase: string) => wire(await exportBackup(vault, passphrase, { now: Date.UTC(2025, 0, 15, 12) })),
    exportOtpauthUris: vi.fn<ManageDeps['exportOtpauthUris']>(),
    exportMigrationUris: vi.fn<ManageDeps['exportMigrationUris']>(),
    exportAccountQr: vi.fn<(id: string) => Promise<{ uri: string }>>(),
    previewImport: vi.fn(async (candidates: TransferCandidate[]) => wire(await previewImport(vault, wire(candidates)))),
    commitImport: vi.fn(async (candidates: TransferCandidate[], choice: ConflictChoice) => wire(await commitImport(vault, wire(candidates), choice))),
    readQrTexts: async (blob: Blob) => {
      const result = qr[(blob as File).name];
      if (result instanceof Error) throw result;
      return result ?? [];
    },
    saveFile,
    copyText: vi.fn<ManageDeps['copyText']>(),
    openEncrypted,
  };
  const timers = { setTimeout: () => 0, clearTimeout: () => undefined } as unknown as Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;
  const deps: ManageDeps = {
    ...api,
    exportBackup: ({ passphrase }) => api.exportBackup(passphrase),
    exportAccountQr: ({ id }) => api.exportAccountQr(id),
    previewImport: ({ candidates }) => api.previewImport(candidates),
    commitImport: ({ candidates, onConflict }) => api.commitImport(candidates, onConflict),
  };
  const state = createManageState(deps, timers);
  await state.start();
  return { vault, api, state, saveFile };
}

describe('manage state: import', () => {
  it('reads several files, previews every entry, and imports the good ones in one commit', async () => {
    const { vault, api, state } = await setUp();
    await state.addFiles([
      file('aegis_plain.json', fixture('aegis_plain.json')),
      file('cut.json', fixture('aegis_plain.json').slice(0, 200)),
    ]);

    expect(state.sources.value.map((s) => [s.name, s.status.name])).toEqual([
      ['aegis_plain.json', 'ready'],
      ['cut.json', 'failed'],
    ]);
    expect(state.sources.value[1]!.status).toMatchObject({ code: 'truncated' });
    expect(state.rows.value.map((r) => r.status)).toEqual(Array(7).fill('new'));
    expect(state.importCount.value).toBe(7);
    expect(await vault.list()).toEqual([]);

    await state.commit();
    expect(api.commitImport).toHaveBeenCalledTimes(1);
    expect(state.importResult.value).toEqual({ name: 'done', value: { added: 7, replaced: 0, unchanged: 0, skipped: 0 } });
    expect(await vault.list()).toHaveLength(7);
    expect(state.sources.value).toEqual([]);
    expect(state.accounts.value).toHaveLength(7);
  });

  it('asks for a password, says a wrong one, and opens with the right one', async () => {
    const { state } = await setUp();
    await state.addFiles([file('vault.json', fixture('aegis_encrypted.json'))]);
    const [source] = state.sources.value;
    expect(source!.status).toEqual({ name: 'password', format: 'aegis', wrong: false, busy: false, progress: null });

    await state.unlock(source!.id, 'nope');
    expect(state.sources.value[0]!.status).toMatchObject({ name: 'password', wrong: true });
    expect(state.announcement.value).toBe('Wrong password.');

    await state.unlock(source!.id, 'test');
    expect(state.sources.value[0]!.status).toMatchObject({ name: 'ready', format: 'aegis' });
    expect(state.rows.value).toHaveLength(7);
    // Two real scrypt derivations: seconds on a busy machine.
  }, 30_000);

  it('opens an encrypted file off the page, shows its progress, and Cancel stops it with nothing imported (#14.4)', async () => {
    // A decryption that runs until cancelled, like a hostile file's key derivation.
    let report: (done: number) => void = () => undefined;
    let cancelled = false;
    const open = vi.fn((_name: string, _text: string, _password: string, onProgress: (done: number) => void): DecryptTask => {
      report = onProgress;
      let reject: (error: unknown) => void = () => undefined;
      const result = new Promise<never>((_resolve, r) => (reject = r));
      return { result, cancel: () => ((cancelled = true), reject(Object.assign(new Error('Stopped.'), { code: 'cancelled' }))) };
    });
    const { state, api, vault } = await setUp({}, open);
    await state.addFiles([file('vault.json', fixture('aegis_encrypted.json'))]);
    const id = state.sources.value[0]!.id;

    const opening = state.unlock(id, 'test');
    expect(open).toHaveBeenCalledWith('vault.json', expect.any(String), 'test', expect.any(Function));
    expect(state.sources.value[0]!.status).toMatchObject({ name: 'password', busy: true, progress: 0 });
    report(0.4);
    expect(state.sources.value[0]!.status).toMatchObject({ busy: true, progress: 0.4 });

    state.cancelUnlock(id);
    await opening;
    expect(cancelled).toBe(true);
    expect(state.sources.value[0]!.status).toEqual({ name: 'password', format: 'aegis', wrong: false, busy: false, progress: null });
    expect(state.announcement.value).toMatch(/stopped/i);
    expect(state.rows.value).toEqual([]);
    expect(api.commitImport).not.toHaveBeenCalled();
    expect(await vault.list()).toEqual([]);
    // The file can still be opened afterwards.
    state.cancelUnlock(id);
  });

  it('collects a Google Authenticator export across images and names images without a 2FA code', async () => {
    const text = fixture('google_authenticator_export.txt');
    const uris = text.split('\n').filter((line) => line.startsWith('otpauth-migration://'));
    const { state } = await setUp({
      'one.png': [uris[0]!],
      'link.png': ['https://example.com'],
      'blank.png': [],
      'broken.png': Object.assign(new Error('This file could not be read as a PNG, JPEG or WebP image.'), { code: 'not-an-image' }),
    });
    await state.addFiles([file('one.png', 'x', 'image/png'), file('link.png', 'x', 'image/png')]);
    await state.addFiles([file('blank.png', 'x', 'image/png'), file('broken.png', 'x', 'image/png')]);

    const byName = Object.fromEntries(state.sources.value.map((s) => [s.name, s.status]));
    expect(byName['one.png']).toMatchObject({ name: 'ready', format: 'google-authenticator' });
    expect(byName['link.png']).toMatchObject({ name: 'failed', message: 'The QR code in this image is not a 2FA setup code.' });
    expect(byName['blank.png']).toMatchObject({ name: 'failed', message: 'No QR code was found in this image.' });
    expect(byName['broken.png']).toMatchObject({ name: 'failed', code: 'not-an-image' });
  });

  it('sends conflicts only when the choice is not skip, and counts them in the button', async () => {
    const { vault, api, state } = await setUp();
    await vault.add({ kind: 'totp', issuer: 'Deno', account: 'Mason', secret: decodeBase32('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30 });
    await state.addFiles([file('aegis_plain.json', fixture('aegis_plain.json'))]);
    expect(state.counts.value).toMatchObject({ new: 6, conflict: 1 });
    expect(state.importCount.value).toBe(6);
    state.setConflictChoice('keep-both');
    expect(state.importCount.value).toBe(7);

    await state.commit();
    const [sent, choice] = vi.mocked(api.commitImport).mock.calls[0]!;
    expect(sent).toHaveLength(7);
    expect(choice).toBe('keep-both');
    expect((await vault.list()).filter((a) => a.issuer === 'Deno')).toHaveLength(2);
  });

  it('leaves conflicts out of the commit when the choice is skip', async () => {
    const { vault, api, state } = await setUp();
    await vault.add({ kind: 'totp', issuer: 'Deno', account: 'Mason', secret: decodeBase32('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30 });
    await state.addFiles([file('aegis_plain.json', fixture('aegis_plain.json'))]);
    await state.commit();
    const [sent, choice] = vi.mocked(api.commitImport).mock.calls[0]!;
    expect([sent.map((c) => c.account.issuer).includes('Deno'), choice]).toEqual([false, 'skip']);
    expect(await vault.list()).toHaveLength(7);
  });

  it('reports a failed commit and keeps the files for another try', async () => {
    const { api, state } = await setUp();
    vi.mocked(api.commitImport).mockRejectedValueOnce(Object.assign(new Error('The vault database failed.'), { code: 'storage-unavailable' }));
    await state.addFiles([file('plain.txt', fixture('plain.txt'))]);
    await state.commit();
    expect(state.importResult.value).toEqual({ name: 'failed', message: 'Nothing was imported: The browser would not open Tessera’s storage. Nothing has been changed or deleted.' });
    expect(state.sources.value).toHaveLength(1);
  });
});

describe('manage state: backup', () => {
  it('refuses a short or mismatched passphrase without asking the worker', async () => {
    const { api, state } = await setUp();
    const spy = vi.spyOn(api, 'exportBackup');
    await state.createBackup('short', 'short');
    expect(state.backup.value).toMatchObject({ name: 'failed', message: 'Use at least 8 characters.' });
    await state.createBackup('long enough 1', 'long enough 2');
    expect(state.backup.value).toMatchObject({ name: 'failed', message: 'The two passphrases are not the same.' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('saves the file and keeps only its summary', async () => {
    const { vault, state, saveFile } = await setUp();
    await vault.add({ kind: 'totp', issuer: 'Bound', account: 'b', secret: decodeBase32('JBSWY3DPEHPK3PXP'), algorithm: 'SHA1', digits: 6, period: 30, deviceBound: true });
    await state.createBackup('long enough passphrase', 'long enough passphrase');
    expect(saveFile).toHaveBeenCalledWith('tessera-backup-2025-01-15.tessera', expect.stringContaining('"tessera-backup"'), 'application/json');
    expect(state.backup.value).toEqual({
      name: 'done',
      value: { fileName: 'tessera-backup-2025-01-15.tessera', exported: 0, skipped: [{ issuer: 'Bound', account: 'b', reason: 'device-bound' }] },
    });
  });
});
