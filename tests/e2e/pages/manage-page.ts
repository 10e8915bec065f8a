/**
 * Page object for the manage page (`options.html`: backup, import, export). Controls are found by
 * role and accessible name; the vault is read back through the extension's own message contract
 * from this page (an extension page), so tests compare what the worker computes with the oracle.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type FilePayload = { name: string; mimeType: string; buffer: Buffer };

type VaultAccount = { id: string; kind: string; issuer: string; account: string; deviceBound: boolean; counter?: number };
type VaultCode = { id: string; current?: string; error?: string };

export class ManagePage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  get url(): string {
    return `chrome-extension://${this.extensionId}/options.html`;
  }

  async goto(): Promise<this> {
    await this.page.goto(this.url);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Tessera');
    return this;
  }

  section(name: 'Encrypted backup' | 'Restore or import' | 'Export to another app'): Locator {
    return this.page.getByRole('region', { name });
  }

  // Backup

  /** Fills both passphrase fields and presses download. */
  async fillBackupForm(passphrase: string, confirmation = passphrase): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Download encrypted backup' });
    await form.getByLabel('Backup passphrase').fill(passphrase);
    await form.getByLabel('Passphrase again').fill(confirmation);
    await form.getByRole('button', { name: 'Download encrypted backup (.tessera)' }).click();
  }

  /** The same, waiting for the file. */
  async downloadBackup(passphrase: string, confirmation = passphrase): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.fillBackupForm(passphrase, confirmation);
    return download;
  }

  // Import

  get fileInput(): Locator {
    return this.page.getByLabel('Choose files…');
  }

  async chooseFiles(files: string | string[] | FilePayload | FilePayload[]): Promise<void> {
    await this.fileInput.setInputFiles(files as Parameters<Locator['setInputFiles']>[0]);
  }

  source(name: string): Locator {
    return this.page.locator(`li.source[data-source="${name}"]`);
  }

  async unlock(name: string, password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: `Password for ${name}` });
    await form.getByLabel('Password of this file').fill(password);
    await form.getByRole('button', { name: 'Open' }).click();
  }

  get previewRows(): Locator {
    return this.page.locator('table.preview tbody tr');
  }

  rowsWithStatus(status: 'new' | 'exists' | 'conflict' | 'problem'): Locator {
    return this.page.locator(`table.preview tbody tr[data-status="${status}"]`);
  }

  get importButton(): Locator {
    return this.page.getByRole('button', { name: /^Import \d+ accounts?$/ });
  }

  /** Waits until every row has been compared with the vault. */
  async previewSettled(): Promise<void> {
    await expect(this.page.locator('table.preview tbody tr[data-status="checking"]')).toHaveCount(0);
  }

  async importAll(expected: number): Promise<void> {
    await this.previewSettled();
    await expect(this.importButton).toHaveText(`Import ${expected} account${expected === 1 ? '' : 's'}`);
    await this.importButton.click();
    await expect(this.section('Restore or import').getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  }

  // Vault, through the message contract (this page is an extension page, which the worker allows).

  private async send<T>(name: string, payload?: unknown): Promise<T> {
    const reply = await this.page.evaluate(
      async ([n, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ tessera: 1, name: n, payload: p }),
      [name, payload] as const,
    );
    const wire = reply as { ok: boolean; value?: T; error?: { code: string } };
    if (!wire.ok) throw new Error(`${name} failed: ${wire.error?.code}`);
    return wire.value as T;
  }

  listAccounts(): Promise<VaultAccount[]> {
    return this.send('listAccounts');
  }

  /** The worker's current code of every time-based account at `at`, keyed "issuer|account". */
  async codesAt(at: number): Promise<Map<string, string>> {
    const [accounts, codes] = await Promise.all([this.listAccounts(), this.send<VaultCode[]>('getCodes', { at })]);
    const byId = new Map(codes.map((c) => [c.id, c.current ?? `error:${c.error}`]));
    return new Map(accounts.filter((a) => byId.has(a.id)).map((a) => [`${a.issuer}|${a.account}`, byId.get(a.id)!]));
  }

  nextHotp(id: string): Promise<{ code: string; counter: number }> {
    return this.send('nextHotpCode', { id });
  }

  addAccountByUri(uri: string, deviceBound = false): Promise<unknown> {
    return this.send('addAccount', { source: { uri }, sites: [], deviceBound });
  }
}
