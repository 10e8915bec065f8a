/**
 * Groups and offline service icons (issue 15): a group given in Edit (by keyboard) and in the
 * capture review, the filter chips by keyboard with focus asserted after each step, the filter
 * kept across a popup reopen, groups kept by backup and restore, and the icons drawn offline.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { ExtensionHarness, test } from './fixtures';
import { CaptureReview } from './pages/capture-review';
import { ManagePage } from './pages/manage-page';
import { PopupPage, type NewAccount } from './pages/popup-page';
import { expectNoViolations } from './support/axe';

const GITHUB: NewAccount = { issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' };
const GITLAB: NewAccount = { issuer: 'GitLab', account: 'bob', secret: 'KRSXG5CTMVRXEZLU' };
const STRIPE: NewAccount = { issuer: 'Stripe', account: 'carol', secret: 'MFRGGZDFMZTWQ2LK' };
const SAVINGS: NewAccount = { issuer: 'Hometown Savings', account: 'dave', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

async function seeded(extension: ExtensionHarness, accounts: NewAccount[]): Promise<PopupPage> {
  const setup = await PopupPage.open(extension);
  for (const account of accounts) await setup.addAndConfirm(account);
  await setup.page.close();
  return PopupPage.open(extension);
}

/** Opens Edit on a row, replaces its Group field's text and saves, all by keyboard. */
async function setGroupByKeyboard(popup: PopupPage, account: NewAccount, group: string): Promise<void> {
  const { page } = popup;
  const issuer = account.issuer!;
  await tabTo(page, page.getByRole('button', { name: `Edit ${issuer}`, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Service (issuer)')).toBeFocused();
  const field = page.getByLabel('Group', { exact: true });
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (group) await page.keyboard.type(group);
  await page.keyboard.press('Enter');
  await expect(popup.status).toContainText(`Saved ${issuer} (${account.account})`);
  // Back on the list, at the row it came from.
  await expect(popup.rowButton(new RegExp(`^${issuer}`))).toBeFocused();
}

const chip = (page: Page, name: string) => page.getByRole('group', { name: 'Filter by group' }).getByRole('button', { name, exact: true });

test.describe('groups', () => {
  test('Edit by keyboard, chips by keyboard with focus after each step, search within the group, kept across a reopen', async ({ extension }) => {
    // Three adds, two edits, a reopen and three axe passes: over a minute on a loaded machine.
    test.setTimeout(180_000);
    let popup = await seeded(extension, [GITHUB, GITLAB, STRIPE]);
    let { page } = popup;
    // No group yet: no chips.
    await expect(page.getByRole('group', { name: 'Filter by group' })).toHaveCount(0);

    await setGroupByKeyboard(popup, GITHUB, 'Work');
    // Another spelling joins the same group.
    await setGroupByKeyboard(popup, GITLAB, 'work');
    const chips = page.getByRole('group', { name: 'Filter by group' }).getByRole('button');
    await expect(chips).toHaveText(['All', 'Work']);
    await expect(chip(page, 'All')).toHaveAttribute('aria-pressed', 'true');

    // One Tab stop for the chips: the pressed one. Arrows move, Enter chooses.
    await tabTo(page, popup.search);
    await page.keyboard.press('Tab'); // the sort order
    await page.keyboard.press('Tab');
    await expect(chip(page, 'All')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(chip(page, 'Work')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(chip(page, 'Work')).toHaveAttribute('aria-pressed', 'true');
    await expect(chip(page, 'Work')).toBeFocused();
    expect(await popup.names()).toEqual(['GitHub', 'GitLab']);
    await expect(chip(page, 'All')).toHaveAttribute('tabindex', '-1');
    await expectNoViolations(page, 'list filtered by a group (light)');

    // Down goes to the first row of the filtered list.
    await page.keyboard.press('ArrowDown');
    await expect(popup.rowButton(/^GitHub/)).toBeFocused();

    // The search narrows within the group.
    await tabTo(page, popup.search, { back: true });
    await page.keyboard.type('lab');
    expect(await popup.names()).toEqual(['GitLab']);
    await page.keyboard.type('zzz');
    await expect(page.getByRole('status').filter({ hasText: 'No account in “Work” matches “labzzz”.' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(popup.search).toHaveValue('');

    // Closing and reopening the popup keeps the filter.
    await page.close();
    popup = await PopupPage.open(extension);
    page = popup.page;
    await expect(chip(page, 'Work')).toHaveAttribute('aria-pressed', 'true');
    expect(await popup.names()).toEqual(['GitHub', 'GitLab']);

    // Back to all, by keyboard; Home and End reach the ends.
    await tabTo(page, chip(page, 'Work'));
    await page.keyboard.press('Home');
    await expect(chip(page, 'All')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(chip(page, 'All')).toHaveAttribute('aria-pressed', 'true');
    expect(await popup.names()).toEqual(['GitHub', 'GitLab', 'Stripe']);

    // Emptying the field takes the account out of its group.
    await setGroupByKeyboard(popup, GITLAB, '');
    const editGitHub = page.getByRole('button', { name: 'Edit GitHub', exact: true });
    await editGitHub.press('Enter');
    const group = page.getByLabel('Group', { exact: true });
    await expect(group).toHaveValue('Work');
    await expectNoViolations(page, 'Edit with its group field (light)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoViolations(page, 'Edit with its group field (dark)');
  });

  test('a group refused by the vault is explained in Edit and nothing changes', async ({ extension }) => {
    const popup = await seeded(extension, [GITHUB]);
    const form = await popup.openEditor('GitHub');
    // The field stops at 32 characters; a control character gets through typing only by paste.
    await form.getByLabel('Group', { exact: true }).fill('Work\u0007');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('A group name cannot contain control characters.')).toBeVisible();
    await popup.page.keyboard.press('Escape');
    await expect(popup.page.getByRole('group', { name: 'Filter by group' })).toHaveCount(0);
  });

  test('capture review: a new group typed before Add, an existing one picked for the next', async ({ extension, site }) => {
    const seededPopup = await seeded(extension, [GITHUB]);
    await setGroupByKeyboard(seededPopup, GITHUB, 'Work');
    await seededPopup.page.close();

    const page = await extension.context.newPage();
    await page.goto(site('acme.test', '/enroll.html'));
    await page.waitForLoadState('load');
    const popupTab = await extension.clickToolbarButton(page);
    const popup = new PopupPage(popupTab, extension.extensionId);
    await popup.ready();
    const review = new CaptureReview(popupTab);
    await review.scan(page);
    const item = review.items.first();
    const field = item.getByLabel('Group', { exact: true });
    // The existing groups are offered.
    await expect(item.locator('datalist option')).toHaveCount(1);
    await expect(item.locator('datalist option')).toHaveAttribute('value', 'Work');
    await field.focus();
    await popupTab.keyboard.type('Cloud');
    await expect(field).toBeFocused();
    await expectNoViolations(popupTab, 'capture review with the group field');
    await popupTab.keyboard.press('Tab');
    await tabTo(popupTab, item.getByRole('button', { name: 'Add', exact: true }));
    await popupTab.keyboard.press('Enter');
    await expect(popup.status).toContainText('Added Acme Cloud');
    await expect(popupTab.getByRole('group', { name: 'Filter by group' }).getByRole('button')).toHaveText(['All', 'Cloud', 'Work']);
    await chip(popupTab, 'Cloud').click();
    expect(await popup.names()).toEqual(['Acme Cloud']);
  });

  test('backup then restore into a fresh profile keeps every group', async ({ extension, extensionDir, headless }) => {
    const popup = await seeded(extension, [GITHUB, GITLAB, STRIPE]);
    await setGroupByKeyboard(popup, GITHUB, 'Work');
    await setGroupByKeyboard(popup, STRIPE, 'Money');
    await popup.page.close();

    const manage = await new ManagePage(await extension.context.newPage(), extension.extensionId).goto();
    const download = await manage.downloadBackup('correct horse battery staple');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'tessera-groups-')), download.suggestedFilename());
    await download.saveAs(file);

    const fresh = await ExtensionHarness.launch({ extensionDir, headless });
    try {
      const restore = await new ManagePage(await fresh.context.newPage(), fresh.extensionId).goto();
      await restore.chooseFiles(file);
      await restore.unlock(download.suggestedFilename(), 'correct horse battery staple');
      await restore.importAll(3);
      const groups = (await restore.listAccounts()).map((a) => [a.issuer, (a as { group?: string }).group ?? null]);
      expect(groups).toEqual([
        ['GitHub', 'Work'],
        ['GitLab', null],
        ['Stripe', 'Money'],
      ]);
      const restored = await PopupPage.open(fresh);
      await expect(restored.page.getByRole('group', { name: 'Filter by group' }).getByRole('button')).toHaveText(['All', 'Money', 'Work']);
    } finally {
      await fresh.close();
    }
  });
});

test.describe('service icons', () => {
  test('drawn offline after the first rows: brand marks for known services, letter tiles for the rest, contrast-safe in both themes', async ({
    extension,
  }) => {
    const popup = await seeded(extension, [GITHUB, GITLAB, STRIPE, SAVINGS, { issuer: 'Work VPN', account: 'eve', secret: 'ONSWG4TFOQYTEMZU', sites: ['discord.com'] }]);
    const { page } = popup;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.reload();
    await popup.ready();

    const icon = (name: string) => popup.row(new RegExp(`^${name}`)).locator('.site-icon');
    await expect(icon('GitHub')).toHaveAttribute('data-service-icon', 'github');
    await expect(icon('GitLab')).toHaveAttribute('data-service-icon', 'gitlab');
    await expect(icon('Stripe')).toHaveAttribute('data-service-icon', 'stripe');
    // Matched by the bound site when the issuer names no service.
    await expect(icon('Work VPN')).toHaveAttribute('data-service-icon', 'discord');
    await expect(icon('Hometown Savings')).toHaveClass(/letter/);
    for (const svg of await page.locator('svg.site-icon.service').all()) {
      await expect(svg).toHaveAttribute('aria-hidden', 'true');
      expect(await svg.evaluate((el) => el.querySelectorAll('[href], image, use').length)).toBe(0);
    }
    // Nothing but the extension's own files: no icon comes from the network.
    expect(requests.filter((url) => !url.startsWith(`chrome-extension://${extension.extensionId}/`))).toEqual([]);

    // GitHub's near-black is kept on the light row and swapped for the text colour on the dark one.
    const fill = () => icon('GitHub').evaluate((el) => getComputedStyle(el).fill);
    expect(await fill()).toBe('rgb(24, 23, 23)');
    await setGroupByKeyboard(popup, GITHUB, 'Work');
    await expectNoViolations(page, 'list with icons and chips (light)');
    await page.screenshot({ path: test.info().outputPath('popup-groups-icons-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await fill()).toBe('rgb(230, 235, 241)');
    await expectNoViolations(page, 'list with icons and chips (dark)');
    await page.screenshot({ path: test.info().outputPath('popup-groups-icons-dark.png') });
  });
});
