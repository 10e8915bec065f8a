/**
 * Page object for the popup, opened either as a tab at `chrome-extension://<id>/popup.html`
 * or as the real toolbar popup (see `ToolbarHarness`). Everything is found by role and
 * accessible name, the way a screen-reader user would find it.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ClipboardReader } from '../support/clipboard';

export interface NewAccount {
  issuer?: string;
  account?: string;
  secret: string;
  kind?: 'totp' | 'hotp' | 'steam';
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  counter?: number;
  deviceBound?: boolean;
  sites?: string[];
}

export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
    private readonly clipboard?: ClipboardReader,
  ) {}

  /** popup.html in a tab the popup's size, ready to use. */
  static async open(extension: { openPopup(): Promise<Page>; extensionId: string }): Promise<PopupPage> {
    const page = await extension.openPopup();
    await page.setViewportSize({ width: 360, height: 600 });
    const popup = new PopupPage(page, extension.extensionId);
    await popup.ready();
    return popup;
  }

  get url(): string {
    return `chrome-extension://${this.extensionId}/popup.html`;
  }

  async goto(): Promise<this> {
    await this.page.goto(this.url);
    await this.ready();
    return this;
  }

  /**
   * Waits until the popup has left its loading state and every row on screen shows its code
   * (without a snapshot the rows are drawn first and their codes follow).
   */
  async ready(): Promise<void> {
    await expect(this.page.locator('.loading')).toHaveCount(0);
    await expect
      .poll(() =>
        this.page.evaluate(() =>
          [...document.querySelectorAll('li[data-account-id]')]
            .filter((row) => row.getBoundingClientRect().top < innerHeight)
            .every((row) => row.querySelector('[data-code]')?.textContent !== '…'),
        ),
      )
      .toBe(true);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search accounts' });
  }

  get status(): Locator {
    return this.page.locator('.toast');
  }

  /** All account rows, in the order shown. */
  get rows(): Locator {
    return this.page.locator('li[data-account-id]');
  }

  /** The row whose copy button is named after `name` (issuer and account). */
  row(name: string | RegExp): Locator {
    return this.rows.filter({ has: this.page.getByRole('button', { name }) });
  }

  rowButton(name: string | RegExp): Locator {
    return this.row(name).locator('[data-row-button]');
  }

  /** The code shown in a row, without the grouping space. */
  async codeOf(name: string | RegExp): Promise<string> {
    const text = (await this.row(name).locator('[data-code]').textContent()) ?? '';
    return text.replace(/\s/g, '');
  }

  async names(): Promise<string[]> {
    return this.rows.locator('.row-issuer').allTextContents();
  }

  async addAccount(input: NewAccount): Promise<void> {
    await this.page.getByRole('button', { name: /Add an account|Enter a setup key/ }).first().click();
    await this.fillAddForm(input);
    await this.page.getByRole('button', { name: 'Add account' }).click();
  }

  /**
   * Adds through the form and waits until this very account is announced and the form has closed:
   * an earlier "Added …" toast is still showing when the next add starts.
   */
  async addAndConfirm(input: NewAccount): Promise<void> {
    await this.addAccount(input);
    const label = input.issuer && input.account ? `${input.issuer} (${input.account})` : input.issuer || input.account || 'Unnamed account';
    await expect(this.status).toContainText(`Added ${label}`);
    await expect(this.page.getByRole('form', { name: 'Add an account' })).toBeHidden();
  }

  async fillAddForm(input: NewAccount): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add an account' });
    if (input.issuer !== undefined) await form.getByLabel('Service (issuer)').fill(input.issuer);
    if (input.account !== undefined) await form.getByLabel('Account', { exact: true }).fill(input.account);
    await form.getByLabel('Setup key (base32)').fill(input.secret);
    if (input.kind || input.algorithm || input.digits || input.period || input.counter !== undefined) {
      await form.getByText('Advanced: type, algorithm, digits, period').click();
      if (input.kind) await form.getByLabel('Type').selectOption(input.kind);
      if (input.algorithm) await form.getByLabel('Algorithm').selectOption(input.algorithm);
      if (input.digits) await form.getByLabel('Digits').fill(String(input.digits));
      if (input.period) await form.getByLabel('Period (seconds)').fill(String(input.period));
      if (input.counter !== undefined) await form.getByLabel('Counter', { exact: true }).fill(String(input.counter));
    }
    for (const site of input.sites ?? []) {
      await form.getByLabel('Add a site').fill(site);
      await form.getByRole('button', { name: 'Add site' }).click();
      await expect(form.getByRole('button', { name: `Remove ${site.replace(/^https:\/\//, '')}` })).toBeVisible();
    }
    if (input.deviceBound) await form.getByLabel(/Keep on this device only/).check();
  }

  async addAccountFromUri(uri: string): Promise<void> {
    await this.page.getByRole('button', { name: /Add an account|Enter a setup key/ }).first().click();
    await this.page.getByRole('radio', { name: 'Paste an otpauth:// link' }).click();
    await this.page.getByLabel('Link').fill(uri);
    await this.page.getByRole('button', { name: 'Add account' }).click();
  }

  async openEditor(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    return this.page.getByRole('form', { name: /^Edit / });
  }

  /** Asks the worker for the next HOTP code of the account named `name` (its issuer). */
  async nextHotp(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Next code for ${name}` }).click();
  }

  /** Deletes through the editor and its confirmation; the undo bar is then offered. */
  async deleteAccount(name: string): Promise<void> {
    const form = await this.openEditor(name);
    await form.getByRole('button', { name: 'Delete this account…' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  }

  async undoDelete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  /** Moves a row one place in manual order from the keyboard (Alt+Arrow), as a person would. */
  async moveRow(name: string | RegExp, direction: 'up' | 'down'): Promise<void> {
    await this.rowButton(name).focus();
    await this.page.keyboard.press(direction === 'up' ? 'Alt+ArrowUp' : 'Alt+ArrowDown');
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Settings' }).click();
    return this.page.locator('[aria-labelledby="settings-title"]');
  }

  async readClipboard(): Promise<string> {
    if (!this.clipboard) throw new Error('This PopupPage was made without a clipboard reader.');
    return this.clipboard.read(this.page);
  }

  async writeClipboard(text: string): Promise<void> {
    if (!this.clipboard) throw new Error('This PopupPage was made without a clipboard reader.');
    await this.clipboard.write(text, this.page);
  }
}
