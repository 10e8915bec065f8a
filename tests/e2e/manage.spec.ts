/**
 * The manage page end to end: backup and restore into a fresh profile, imports of every format
 * through the UI, hostile files, conflict choices and exports. Expected codes come from the
 * Aegis vector table (standards.md §6) through the independent oracle, never from Tessera.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, ExtensionHarness } from './fixtures';
import { ManagePage, type FilePayload } from './pages/manage-page';
import { base32ToBytes, hotp, totp } from './support/otp-oracle';
import { VECTORS, type Vector } from '../fixtures/import/aegis-vectors';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import');
const fixture = (name: string) => (path.isAbsolute(name) ? name : path.join(FIXTURES, name));

/** A fixed instant: the worker and the oracle compute the same step, no clock edges. */
const AT = 1_700_000_000_000;

const BOUND_URI = 'otpauth://totp/Bank:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank';

function oracleTotp(v: Vector, at = AT): string {
  return totp(base32ToBytes(v.secret), at, { digits: v.digits, period: v.period, algorithm: v.algorithm.toLowerCase() } as Parameters<typeof totp>[2]);
}

/** Steam Guard: RFC 6238 SHA1 over 30 s, the truncated value spelled in Steam's 26-letter alphabet. */
function oracleSteam(secret: string, at = AT): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', base32ToBytes(secret)).update(message).digest();
  let value = mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff;
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += alphabet[value % alphabet.length];
    value = Math.floor(value / alphabet.length);
  }
  return code;
}

/**
 * Every TOTP and Steam vector present in the vault shows the oracle's code; every HOTP vector's
 * next code is the oracle's at its counter. Returns how many vectors were checked.
 */
async function expectVectorCodes(manage: ManagePage, vectors: readonly Vector[] = VECTORS): Promise<number> {
  const codes = await manage.codesAt(AT);
  const accounts = await manage.listAccounts();
  let checked = 0;
  for (const v of vectors) {
    const account = accounts.find((a) => a.issuer === v.issuer && a.account === v.account);
    if (!account || account.kind !== v.kind) continue;
    if (v.kind === 'totp') expect(codes.get(`${v.issuer}|${v.account}`), `${v.issuer} code`).toBe(oracleTotp(v));
    if (v.kind === 'steam') expect(codes.get(`${v.issuer}|${v.account}`), `${v.issuer} code`).toBe(oracleSteam(v.secret));
    if (v.kind === 'hotp') {
      const { code } = await manage.nextHotp(account.id);
      expect(code, `${v.issuer} HOTP code`).toBe(hotp(base32ToBytes(v.secret), v.counter!, v.digits, v.algorithm.toLowerCase()));
    }
    checked++;
  }
  return checked;
}

async function openManage(extension: ExtensionHarness): Promise<ManagePage> {
  const page = await extension.context.newPage();
  return new ManagePage(page, extension.extensionId).goto();
}

/** Imports a fixture (by name) or any file (by absolute path) and checks the row count. */
async function importFixture(manage: ManagePage, file: string, count: number, password?: string): Promise<void> {
  const name = path.basename(file);
  await manage.chooseFiles(fixture(file));
  if (password !== undefined) {
    await expect(manage.source(name)).toContainText('encrypted');
    await manage.unlock(name, password);
  }
  await expect(manage.source(name).locator('.source-format')).not.toHaveText(/encrypted|Reading/);
  await expect(manage.previewRows).toHaveCount(count);
  await manage.importAll(count);
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'tessera-manage-'));
}

test.describe('manage page', () => {
  test('is reachable from the popup settings and opens as a full tab', async ({ extension }) => {
    const popup = await extension.openPopup();
    await popup.getByRole('button', { name: 'Settings' }).click();
    const opened = extension.context.waitForEvent('page', (p) => new URL(p.url()).pathname === '/options.html');
    await popup.getByRole('button', { name: 'Make an encrypted backup…' }).click();
    const page = await opened;
    await expect(page.getByRole('heading', { name: 'Encrypted backup' })).toBeVisible();
  });

  test('backup then restore into a fresh profile gives identical codes; device-bound skipped and listed', async ({
    extension,
    extensionDir,
    headless,
  }) => {
    const manage = await openManage(extension);
    await importFixture(manage, 'aegis_plain.json', 7);
    await manage.addAccountByUri(BOUND_URI, true);

    // A mismatch and a short passphrase are refused before anything is written.
    await manage.fillBackupForm('long enough one', 'long enough two');
    await expect(manage.section('Encrypted backup').getByRole('alert')).toHaveText('The two passphrases are not the same.');

    const started = Date.now();
    const download = await manage.downloadBackup('correct horse battery staple');
    const file = path.join(await tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    const seconds = (Date.now() - started) / 1000;
    expect(download.suggestedFilename()).toMatch(/^tessera-backup-\d{4}-\d{2}-\d{2}\.tessera$/);
    const backup = manage.section('Encrypted backup');
    await expect(backup.getByText(/with 7 accounts/)).toBeVisible();
    await expect(backup.locator('.skipped')).toContainText('Bank (me): kept on this device only');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('4SJHB4GSD43FZBAI7C2HLRJGPQ');
    expect(JSON.parse(text)).toMatchObject({ format: 'tessera-backup', encryption: { kdf: { iterations: 600000 } } });
    test.info().annotations.push({ type: 'backup-seconds', description: seconds.toFixed(2) });
    const before = await manage.codesAt(AT);

    const fresh = await ExtensionHarness.launch({ extensionDir, headless });
    try {
      const restore = await openManage(fresh);
      expect(await restore.listAccounts()).toEqual([]);
      await restore.chooseFiles(file);
      const source = restore.source(download.suggestedFilename());
      await expect(source).toContainText('Tessera backup, encrypted');
      await restore.unlock(download.suggestedFilename(), 'correct horse battery stapler');
      await expect(source.getByRole('alert')).toContainText('Wrong password');
      expect(await restore.listAccounts()).toEqual([]);
      await restore.unlock(download.suggestedFilename(), 'correct horse battery staple');
      await expect(restore.rowsWithStatus('new')).toHaveCount(7);
      await restore.importAll(7);

      const after = await restore.codesAt(AT);
      expect(after).toEqual(new Map([...before].filter(([key]) => key !== 'Bank|me')));
      expect((await restore.listAccounts()).some((a) => a.issuer === 'Bank')).toBe(false);
      expect(await expectVectorCodes(restore)).toBe(7);
    } finally {
      await fresh.close();
    }
  });

  const FORMATS: ReadonlyArray<{ file: string; format: string; count: number; vectors: number; password?: string }> = [
    { file: 'aegis_plain.json', format: 'Aegis vault', count: 7, vectors: 7 },
    { file: 'aegis_encrypted.json', format: 'Aegis vault', count: 7, vectors: 7, password: 'test' },
    { file: '2fas_authenticator_encrypted_v4.2fas', format: '2FAS backup', count: 5, vectors: 5, password: 'test' },
    { file: 'andotp_plain.json', format: 'andOTP backup', count: 7, vectors: 7 },
    // The fourth Bitwarden entry is a bare steam:// key on a login named "Test 4", not a vector.
    { file: 'bitwarden.csv', format: 'Bitwarden export (CSV)', count: 4, vectors: 3 },
    { file: 'ente_auth.txt', format: 'ente Auth export', count: 7, vectors: 7 },
    { file: 'plain.txt', format: 'otpauth:// link list', count: 7, vectors: 7 },
  ];

  for (const { file, format, count, vectors, password } of FORMATS) {
    test(`imports ${file} through the UI, with codes matching the vectors`, async ({ extension }) => {
      const manage = await openManage(extension);
      await manage.chooseFiles(fixture(file));
      if (password) {
        await expect(manage.source(file)).toContainText('encrypted');
        await manage.unlock(file, password);
      }
      await expect(manage.source(file)).toContainText(`${format}: ${count} entr`);
      await expect(manage.rowsWithStatus('new')).toHaveCount(count);
      await manage.importAll(count);
      expect(await manage.listAccounts()).toHaveLength(count);
      // Every vector the format carries, with its own parameters.
      expect(await expectVectorCodes(manage)).toBe(vectors);
    });
  }

  test('imports Google Authenticator QR images, collecting a two-code export across images', async ({ extension, server }) => {
    const dir = await tempDir();
    const png = async (name: string, text: string) => {
      const response = await fetch(`http://127.0.0.1:${server.httpPort}/qr.png?text=${encodeURIComponent(text)}`);
      expect(response.ok).toBe(true);
      const file = path.join(dir, name);
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      return file;
    };
    // The first URI of scito/extract_otp_secrets' example export: pi@raspberrypi, 7KSQL2JTUDIS5EF65KLMRQIIGY.
    const gaText = await readFile(fixture('google_authenticator_export.txt'), 'utf8');
    const single = gaText.split('\n').find((line) => line.startsWith('otpauth-migration://'))!;
    // A two-code export of two vectors, written by hand from the protobuf schema (batch id 42).
    const batch = twoCodeExport();

    const manage = await openManage(extension);
    await manage.chooseFiles([await png('pi.png', single), await png('part-1.png', batch[0])]);
    await expect(manage.rowsWithStatus('problem')).toContainText(['missing QR codes: 2 (of 2)']);
    await manage.chooseFiles(await png('part-2.png', batch[1]));
    await expect(manage.source('QR codes from 3 images')).toContainText('Google Authenticator export');
    await expect(manage.rowsWithStatus('problem')).toHaveCount(0);
    await manage.importAll(3);

    const codes = await manage.codesAt(AT);
    expect(codes.get('raspberrypi|pi@raspberrypi')).toBe(totp(base32ToBytes('7KSQL2JTUDIS5EF65KLMRQIIGY'), AT));
    expect(await expectVectorCodes(manage)).toBe(2);
  });

  test('refuses hostile files cleanly and leaves the vault unchanged', async ({ extension }) => {
    const manage = await openManage(extension);
    await manage.addAccountByUri('otpauth://totp/Keep:me?secret=JBSWY3DPEHPK3PXP&issuer=Keep');
    const before = await manage.listAccounts();

    const aegis = await readFile(fixture('aegis_plain.json'));
    // A real PNG without any QR code: a corner of this very page.
    const png = await manage.page.screenshot({ clip: { x: 0, y: 0, width: 60, height: 40 } });
    const hostile: Array<[FilePayload, RegExp]> = [
      [{ name: 'truncated.json', mimeType: 'application/json', buffer: aegis.subarray(0, aegis.length / 2) }, /cut off/],
      [{ name: 'picture.json', mimeType: 'application/json', buffer: png }, /This is an image, not an export/],
      // An export with binary garbage inside is damaged, not a picture.
      [{ name: 'corrupt.json', mimeType: 'application/json', buffer: Buffer.concat([aegis.subarray(0, 40), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x89])]) }, /looks damaged/],
      [{ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(6 * 1024 * 1024, 0x20) }, /larger than 5 MB/],
      [{ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)) }, /nests deeper/],
      [{ name: 'blank.png', mimeType: 'image/png', buffer: png }, /No QR code was found/],
      [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nworld\n') }, /does not recognise/],
    ];
    await manage.chooseFiles(hostile.map(([file]) => file));
    for (const [file, message] of hostile) {
      await expect(manage.source(file.name).getByRole('alert'), file.name).toHaveText(message);
    }
    await expect(manage.previewRows).toHaveCount(0);
    await expect(manage.importButton).toBeDisabled();

    // A wrong password says so, distinctly from a damaged file, and opens nothing.
    await manage.chooseFiles(fixture('aegis_encrypted.json'));
    await manage.unlock('aegis_encrypted.json', 'wrong');
    await expect(manage.source('aegis_encrypted.json').getByRole('alert')).toHaveText(/Wrong password/);
    await expect(manage.previewRows).toHaveCount(0);

    expect(await manage.listAccounts()).toEqual(before);
  });

  test('a costly encrypted file opens off the page with progress; Cancel stops it, nothing imported (#14.4)', async ({ extension }) => {
    const manage = await openManage(extension);
    await manage.addAccountByUri('otpauth://totp/Keep:me?secret=JBSWY3DPEHPK3PXP&issuer=Keep');
    const before = await manage.listAccounts();
    const vault = JSON.parse(await readFile(fixture('aegis_encrypted.json'), 'utf8'));
    const slot = vault.header.slots.find((s: { type: number }) => s.type === 1);
    const withSlots = (slots: unknown[]) => Buffer.from(JSON.stringify({ ...vault, header: { ...vault.header, slots } }));

    // Beyond the total work Tessera allows: refused at once, with the reason.
    const tooCostly = Array.from({ length: 64 }, () => ({ ...slot, key: '00'.repeat(32) }));
    await manage.chooseFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: withSlots(tooCostly) });
    await manage.unlock('hostile.json', 'test');
    await expect(manage.source('hostile.json').getByRole('alert')).toHaveText(/more key-derivation work than Tessera allows/);

    // At the limit (16 slots that do not open): seconds of scrypt, in a Worker.
    const atLimit = Array.from({ length: 16 }, (_, i) => ({ ...slot, key: i.toString(16).padStart(2, '0').repeat(32) }));
    await manage.chooseFiles({ name: 'slow.json', mimeType: 'application/json', buffer: withSlots(atLimit) });
    await manage.unlock('slow.json', 'test');
    const source = manage.source('slow.json');
    const progress = source.getByRole('progressbar', { name: 'Opening slow.json' });
    await expect(progress).toBeVisible();
    // The page answers while the derivation runs: typing lands, the progress bar is still there.
    const backupField = manage.page.getByRole('form', { name: 'Download encrypted backup' }).getByLabel('Backup passphrase');
    await backupField.fill('typed while opening');
    await expect(backupField).toHaveValue('typed while opening');
    await expect(progress).toBeVisible();
    // For a look at the progress bar and Cancel in both themes (test-results, not committed).
    for (const colorScheme of ['light', 'dark'] as const) {
      await manage.page.emulateMedia({ colorScheme });
      await source.screenshot({ path: test.info().outputPath(`opening-${colorScheme}.png`) });
    }

    await source.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toHaveCount(0);
    await expect(manage.page.getByText('Stopped. Nothing from this file was imported.')).toBeVisible();
    // Back to asking for the password; no "wrong password" (it was never finished), no rows.
    await expect(source.getByRole('button', { name: 'Open' })).toBeVisible();
    await expect(source.getByRole('alert')).toHaveCount(0);
    await expect(manage.previewRows).toHaveCount(0);
    expect(await manage.listAccounts()).toEqual(before);
  });

  test('a conflict is skipped, replaced or kept as chosen', async ({ extension }) => {
    const manage = await openManage(extension);
    const OLD = 'JBSWY3DPEHPK3PXP';
    const NEW = 'GEZDGNBVGY3TQOJQ';
    await manage.addAccountByUri(`otpauth://totp/Acme:ann?secret=${OLD}&issuer=Acme`);
    const file: FilePayload = {
      name: 'links.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`otpauth://totp/Acme:ann?secret=${NEW}&issuer=Acme\notpauth://totp/Other:bob?secret=${NEW}&issuer=Other\n`),
    };
    await manage.chooseFiles(file);
    await expect(manage.rowsWithStatus('conflict')).toHaveCount(1);
    await expect(manage.rowsWithStatus('conflict')).toContainText('Same name as “Acme (ann)” in Tessera');
    await manage.previewSettled();
    await expect(manage.importButton).toHaveText('Import 1 account');
    await manage.page.getByRole('radio', { name: /Replace/ }).check();
    await manage.importAll(2);

    const accounts = await manage.listAccounts();
    expect(accounts).toHaveLength(2);
    const codes = await manage.codesAt(AT);
    expect(codes.get('Acme|ann')).toBe(totp(base32ToBytes(NEW), AT));

    // Keep both: the same file again, now against the replaced account, adds a second "Acme (ann)".
    await manage.chooseFiles({ ...file, buffer: Buffer.from(`otpauth://totp/Acme:ann?secret=${OLD}&issuer=Acme\n`) });
    await manage.page.getByRole('radio', { name: /Keep both/ }).check();
    await manage.importAll(1);
    expect((await manage.listAccounts()).filter((a) => a.issuer === 'Acme')).toHaveLength(2);
  });

  test('exports leave device-bound accounts out, and the link list re-imports to identical codes', async ({
    extension,
    extensionDir,
    headless,
  }) => {
    const manage = await openManage(extension);
    await importFixture(manage, 'aegis_plain.json', 7);
    await manage.addAccountByUri(BOUND_URI, true);
    await manage.page.reload();
    const exportSection = manage.section('Export to another app');
    await expect(exportSection.getByRole('note')).toContainText('not encrypted');

    await exportSection.getByRole('button', { name: 'Show the link list' }).click();
    const textarea = exportSection.locator('textarea');
    const list = await textarea.inputValue();
    expect(list.trim().split('\n')).toHaveLength(7);
    expect(list).not.toContain('Bank');
    expect(list).not.toContain('GEZDGNBVGY3TQOJQ');
    await expect(exportSection.locator('.skipped').first()).toContainText('Bank (me): kept on this device only');
    const download = manage.page.waitForEvent('download');
    await exportSection.getByRole('button', { name: 'Download .txt' }).click();
    const listFile = path.join(await tempDir(), (await download).suggestedFilename());
    await (await download).saveAs(listFile);
    expect(await readFile(listFile, 'utf8')).toBe(list);

    await exportSection.getByRole('button', { name: 'Show the export QR codes' }).click();
    const codes = exportSection.getByRole('img', { name: /Google Authenticator export code 1 of \d+/ });
    await expect(codes).toBeVisible();
    await expect(exportSection.locator('figcaption').first()).toHaveText(/^1 of \d+$/);
    const qrFile = path.join(await tempDir(), 'ga-export.png');
    // The status toast may float over the code; a phone would not see it either once it fades.
    await codes.screenshot({ path: qrFile, style: '.toast { display: none !important; }' });
    await expect(exportSection.locator('.skipped').nth(1)).toContainText('Boeing (Sophia): Google Authenticator cannot hold');

    const picker = exportSection.getByLabel('Account', { exact: true });
    const options = await picker.locator('option').allTextContents();
    expect(options).not.toContain('Bank (me)');
    expect(options).toContain('Deno (Mason)');
    await picker.selectOption({ label: 'Deno (Mason)' });
    await exportSection.getByRole('button', { name: 'Show QR code' }).click();
    await expect(exportSection.getByRole('img', { name: 'QR code for Deno (Mason)' })).toBeVisible();
    const before = await manage.codesAt(AT);

    await exportSection.getByRole('button', { name: 'Hide all exports' }).click();
    await expect(textarea).toHaveCount(0);
    await expect(exportSection.getByRole('img')).toHaveCount(0);

    const fresh = await ExtensionHarness.launch({ extensionDir, headless });
    try {
      const other = await openManage(fresh);
      await importFixture(other, listFile, 7);
      expect(await other.codesAt(AT)).toEqual(new Map([...before].filter(([key]) => key !== 'Bank|me')));
      // The GA export code, read back from its on-screen image: the same three accounts, already there.
      await other.chooseFiles(qrFile);
      await expect(other.source('ga-export.png')).toContainText('Google Authenticator export: 3 entries');
      await expect(other.rowsWithStatus('exists')).toHaveCount(3);
    } finally {
      await fresh.close();
    }
  });

  test('looks calm in light and dark (screenshots)', async ({ extension }) => {
    const manage = await openManage(extension);
    await manage.page.setViewportSize({ width: 1000, height: 900 });
    await manage.addAccountByUri('otpauth://totp/Deno:Mason?secret=JBSWY3DPEHPK3PXP&issuer=Deno');
    // Accounts added elsewhere show up when the page comes back into view.
    await manage.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await manage.chooseFiles([fixture('aegis_plain.json'), fixture('2fas_authenticator_encrypted_v4.2fas')]);
    await manage.previewSettled();
    await manage.page.getByLabel('Backup passphrase').fill('correct horse');
    for (const scheme of ['light', 'dark'] as const) {
      await manage.page.emulateMedia({ colorScheme: scheme });
      await manage.page.screenshot({ path: path.join(tmpdir(), `tessera-manage-${scheme}.png`), fullPage: true });
    }
    const exportSection = manage.section('Export to another app');
    await exportSection.getByRole('button', { name: 'Show the link list' }).click();
    await exportSection.getByRole('button', { name: 'Show the export QR codes' }).click();
    await exportSection.getByLabel('Account', { exact: true }).selectOption({ label: 'Deno (Mason)' });
    await exportSection.getByRole('button', { name: 'Show QR code' }).click();
    await expect(exportSection.getByRole('img', { name: 'QR code for Deno (Mason)' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await manage.page.emulateMedia({ colorScheme: scheme });
      await exportSection.screenshot({ path: path.join(tmpdir(), `tessera-manage-export-${scheme}.png`) });
    }
  });
});

/**
 * `otpauth-migration://` URIs of a two-code export (batch id 42), hand-encoded protobuf so the
 * expected accounts do not come from Tessera's encoder: code 1 holds Deno (TOTP SHA1 6 digits),
 * code 2 holds Issuu (HOTP SHA1 6 digits, counter 1).
 */
function twoCodeExport(): [string, string] {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  const field = (tag: number, bytes: number[]) => [tag, ...varint(bytes.length), ...bytes];
  const text = (s: string) => [...Buffer.from(s, 'utf8')];
  const account = (v: Vector, type: 1 | 2) => [
    ...field(0x0a, [...base32ToBytes(v.secret)]),
    ...field(0x12, text(v.account)),
    ...field(0x1a, text(v.issuer)),
    0x20, 1, // algorithm SHA1
    0x28, 1, // digits six
    0x30, type, // 1 = HOTP, 2 = TOTP
    ...(type === 1 ? [0x38, ...varint(v.counter!)] : []),
  ];
  const payload = (v: Vector, type: 1 | 2, index: number) =>
    Buffer.from([...field(0x0a, account(v, type)), 0x10, 1, 0x18, 2, 0x20, index, 0x28, 42]);
  const uri = (bytes: Buffer) => `otpauth-migration://offline?data=${encodeURIComponent(bytes.toString('base64'))}`;
  return [uri(payload(VECTORS[0]!, 2, 0)), uri(payload(VECTORS[3]!, 1, 1))];
}
