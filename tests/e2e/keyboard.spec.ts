/**
 * Every popup flow by keyboard alone (issue 15): no clicks, and after each step an assertion on
 * where focus is, since a keyboard or screen-reader user is lost when focus drops to the document.
 */
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { test, type ExtensionHarness } from './fixtures';
import { PopupPage } from './pages/popup-page';

const PASSPHRASE = 'correct horse battery staple';
const GITHUB = { issuer: 'GitHub', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const GITLAB = { issuer: 'GitLab', account: 'bob', secret: 'KRSXG5CTMVRXEZLU' };
const STRIPE = { issuer: 'Stripe', account: 'carol', secret: 'MFRGGZDFMZTWQ2LK' };

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

async function seeded(extension: ExtensionHarness, ...accounts: Array<typeof GITHUB>): Promise<PopupPage> {
  const setup = await PopupPage.open(extension);
  for (const account of accounts) await setup.addAndConfirm(account);
  await setup.page.close();
  return PopupPage.open(extension);
}

test.describe('keyboard only', () => {
  test('add: the form opens at its first field, a bad key is explained, Escape and Enter lead back', async ({ extension }) => {
    const popup = await PopupPage.open(extension);
    const { page } = popup;
    const add = page.getByRole('button', { name: 'Enter a setup key' });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    const issuer = page.getByLabel('Service (issuer)');
    await expect(issuer).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    await expect(add).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(issuer).toBeFocused();
    await page.keyboard.type('GitHub');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Account', { exact: true })).toBeFocused();
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    const key = page.getByLabel('Setup key (base32)');
    await expect(key).toBeFocused();
    await page.keyboard.type('JBSW Y3DP EHPK 3PX0');
    await page.keyboard.press('Enter');
    await expect(page.locator('#secret-error')).toHaveText(
      'The setup key contains “0”, which setup keys never contain. Setup keys use only the letters A to Z and the digits 2 to 7. A “0” (zero) is usually the letter O.',
    );
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('P');
    await page.keyboard.press('Enter');
    await expect(popup.status).toContainText('Added GitHub (alice)');
    await expect(popup.rows).toHaveCount(1);
    // Back on the list, at a place from which Tab reaches everything: the search field.
    await expect(popup.search).toBeFocused();
  });

  test('add: someone already in the second field when the form opens is not pulled back to the first', async ({ extension }) => {
    const popup = await PopupPage.open(extension);
    const { page } = popup;
    const add = page.getByRole('button', { name: 'Enter a setup key' });
    await tabTo(page, add);
    // Plays a fast typist on a busy machine, deterministically: the account field is focused the
    // moment it is drawn (a mutation observer runs before any timer), ahead of the popup's own move.
    await page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const account = document.querySelector<HTMLInputElement>('input[name="account"]');
        if (!account) return;
        observer.disconnect();
        account.focus();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.keyboard.press('Enter');
    const account = page.getByLabel('Account', { exact: true });
    await expect(account).toBeFocused();
    // Long enough for the popup's delayed move to have run; focus must still be where the person put it.
    await page.waitForTimeout(200);
    await expect(account).toBeFocused();
    await page.keyboard.type('alice');
    await expect(account).toHaveValue('alice');
    await expect(page.getByLabel('Service (issuer)')).toHaveValue('');
  });

  test('search, arrows and copy: typing searches, arrows move over rows clear of the search bar, Enter copies', async ({ extension }) => {
    const popup = await seeded(extension, GITHUB, GITLAB, STRIPE);
    const { page } = popup;
    await page.keyboard.type('git');
    await expect(popup.search).toBeFocused();
    await expect(popup.search).toHaveValue('git');
    await expect(popup.rows).toHaveCount(2);
    await page.keyboard.press('ArrowDown');
    await expect(popup.rowButton('GitHub')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(popup.rowButton('GitLab')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(popup.status).toContainText('Copied the code for GitLab (bob)');
    await expect(popup.rowButton('GitLab')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(popup.search).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(popup.search).toHaveValue('');
    await expect(popup.rows).toHaveCount(3);
  });

  test('edit: opens at its first field; Escape and Save go back to the row it came from', async ({ extension }) => {
    const popup = await seeded(extension, GITHUB, GITLAB);
    const { page } = popup;
    await tabTo(page, page.getByRole('button', { name: 'Edit GitLab' }));
    await page.keyboard.press('Enter');
    const issuer = page.getByRole('form', { name: /^Edit GitLab/ }).getByLabel('Service (issuer)');
    await expect(issuer).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(popup.rowButton('GitLab')).toBeFocused();

    await tabTo(page, page.getByRole('button', { name: 'Edit GitLab' }));
    await page.keyboard.press('Enter');
    await expect(issuer).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.type(' EE');
    await page.keyboard.press('Enter');
    await expect(popup.status).toContainText('Saved GitLab EE (bob)');
    await expect(popup.rowButton('GitLab EE')).toBeFocused();
  });

  test('delete and undo: the question takes focus, then Undo, then the restored row', async ({ extension }) => {
    const popup = await seeded(extension, GITHUB, GITLAB, STRIPE);
    const { page } = popup;
    await tabTo(page, page.getByRole('button', { name: 'Edit GitLab' }));
    await page.keyboard.press('Enter');
    const deleteLink = page.getByRole('button', { name: 'Delete this account…' });
    await tabTo(page, deleteLink);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog');
    await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
    // Escape answers the question ("keep it"), not the whole screen.
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(deleteLink).toBeFocused();

    await page.keyboard.press('Enter');
    // A person answers the question once it is on screen; a second Enter sent before it
    // draws would land on the link again.
    await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect(undo).toBeFocused();
    await expect(popup.rows).toHaveCount(2);
    await page.keyboard.press('Enter');
    await expect(popup.status).toContainText('Restored GitLab (bob)');
    await expect(popup.rowButton('GitLab')).toBeFocused();
  });

  test('settings: opens at its heading; Escape goes back to the Settings button; Security opens the passphrase section', async ({ extension }) => {
    const popup = await seeded(extension, GITHUB);
    const { page } = popup;
    const settings = page.getByRole('button', { name: 'Settings' });
    await tabTo(page, settings);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(settings).toBeFocused();

    await page.keyboard.press('Enter');
    const opened = extension.context.waitForEvent('page');
    await tabTo(page, page.getByRole('button', { name: 'Set a passphrase…' }));
    // The popup closes itself once the tab is open, possibly before the key press has returned.
    const [manage] = await Promise.all([opened, page.keyboard.press('Enter').catch(() => undefined)]);
    await expect(manage).toHaveURL(/options\.html#lock$/);
    await expect(manage.getByRole('heading', { name: 'Security: passphrase and auto-lock' })).toBeFocused();
  });

  test('lock and unlock: the passphrase field takes focus, and the list after unlocking', async ({ extension }) => {
    const manage = await extension.context.newPage();
    await manage.goto(extension.url('options.html'));
    const form = manage.getByRole('form', { name: 'Set a passphrase' });
    await form.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
    await form.getByLabel('New passphrase again').fill(PASSPHRASE);
    await form.getByLabel('New passphrase again').press('Enter');
    await expect(manage.getByText('Passphrase set.')).toBeVisible({ timeout: 20_000 });
    await manage.close();

    const popup = await seeded(extension, GITHUB);
    const { page } = popup;
    await tabTo(page, page.getByRole('button', { name: 'Lock now' }));
    await page.keyboard.press('Enter');
    const passphrase = page.getByLabel('Passphrase');
    await expect(passphrase).toBeFocused();
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await expect(popup.rows).toHaveCount(1, { timeout: 20_000 });
    await expect(popup.search).toBeFocused();
  });

  test('capture review: the finding takes focus, Tab reaches Add, and focus returns to Scan', async ({ extension, site }) => {
    const tab = await extension.context.newPage();
    await tab.goto(site('acme.test', '/capture/img-png.html'));
    await tab.evaluate(() => Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined))));
    const popupTab = await extension.clickToolbarButton(tab);
    const popup = new PopupPage(popupTab, extension.extensionId);
    await popup.ready();
    const scan = popupTab.getByRole('button', { name: 'Scan this page for a QR code' }).first();
    await tabTo(popupTab, scan);
    await tab.bringToFront();
    await popupTab.keyboard.press('Enter');
    const heading = popupTab.getByRole('heading', { name: 'Add Acme?' });
    await expect(heading).toBeFocused();
    await tabTo(popupTab, popupTab.getByRole('region', { name: 'Add Acme?' }).getByRole('button', { name: 'Add', exact: true }));
    await popupTab.keyboard.press('Enter');
    await expect(popup.status).toContainText('Added Acme');
    await expect(popup.rows).toHaveCount(1);
    await expect(popupTab.locator(':focus')).toHaveCount(1);
    await expect(popupTab.locator('body')).not.toBeFocused();
  });

  test('import: the section takes focus when opened from the popup, and the result after importing', async ({ extension }) => {
    const popup = await seeded(extension, GITHUB);
    const { page } = popup;
    await tabTo(page, page.getByRole('button', { name: 'Settings' }));
    await page.keyboard.press('Enter');
    const opened = extension.context.waitForEvent('page');
    await tabTo(page, page.getByRole('button', { name: 'Restore a backup or import from another app…' }));
    const [manage] = await Promise.all([opened, page.keyboard.press('Enter').catch(() => undefined)]);
    await expect(manage.getByRole('heading', { name: 'Restore or import' })).toBeFocused();
    // Choosing the file is the browser's own dialog; the rest is keys.
    await manage.locator('#import input[type="file"]').setInputFiles(path.join(import.meta.dirname, '../fixtures/import/plain.txt'));
    const importButton = manage.getByRole('button', { name: /^Import \d+ accounts?$/ });
    await expect(importButton).toBeEnabled();
    await tabTo(manage, importButton);
    await manage.keyboard.press('Enter');
    const result = manage.locator('#import .result');
    await expect(result).toContainText('Imported');
    await expect(result).toBeFocused();
  });
});
