/**
 * Accessibility of the popup and the manage page (issue 15): axe-core on every view and section,
 * in light and dark, with accounts that stretch the layout (long names, 8 digits, HOTP, a bound
 * site); screenshots of the popup at its real size to look at.
 */
import { expect, test, type ExtensionHarness } from './fixtures';
import { PopupPage, type NewAccount } from './pages/popup-page';
import { expectNoViolations } from './support/axe';

const ACCOUNTS: NewAccount[] = [
  { issuer: 'Amazon Web Services', account: 'alice.very-long-name@example-corporation.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Hometown Savings and Loan Association', account: 'bob', secret: 'KRSXG5CTMVRXEZLU', digits: 8 },
  { issuer: 'YubiCloud', account: 'carol', secret: 'MFRGGZDFMZTWQ2LK', kind: 'hotp' },
  { issuer: 'Acme Cloud', account: 'carol@acme.test', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', sites: ['acme.test'] },
  { issuer: 'GitHub', account: 'alice', secret: 'ONSWG4TFOQYTEMZU' },
];

async function seed(extension: ExtensionHarness): Promise<void> {
  const setup = await PopupPage.open(extension);
  for (const account of ACCOUNTS) await setup.addAndConfirm(account);
  await setup.nextHotp('YubiCloud');
  await setup.page.close();
}

/** The popup for a tab on the bound site, so "This site" and Fill show. */
async function popupOnAcme(extension: ExtensionHarness, site: (host: string, path?: string) => string): Promise<PopupPage> {
  const tab = await extension.context.newPage();
  await tab.goto(site('www.acme.test', '/login.html'));
  const popupTab = await extension.clickToolbarButton(tab);
  await popupTab.setViewportSize({ width: 360, height: 600 });
  const popup = new PopupPage(popupTab, extension.extensionId);
  await popup.ready();
  await expect(popup.rows).toHaveCount(ACCOUNTS.length);
  return popup;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    // Seeding five accounts and a dozen axe runs: more than the default minute on a loaded machine.
    test.slow();

    test('every popup view has no axe violations', async ({ extension, site }) => {
      await seed(extension);
      const popup = await popupOnAcme(extension, site);
      const { page } = popup;
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.getByRole('button', { name: /^Fill the code for Acme Cloud/ })).toBeVisible();
      await expectNoViolations(page, 'list');
      await page.screenshot({ path: test.info().outputPath(`popup-list-${scheme}.png`) });

      await popup.search.fill('Amazon');
      await expectNoViolations(page, 'search');
      await popup.search.fill('zzz');
      await expectNoViolations(page, 'search without results');
      await popup.search.fill('');

      await page.getByRole('button', { name: 'Add an account' }).click();
      await page.getByLabel('Setup key (base32)').fill('NOT-A-KEY-1!');
      await page.getByLabel('Service (issuer)').fill('Test');
      await page.getByRole('button', { name: 'Add account' }).click();
      await expect(page.locator('#secret-error')).toContainText('“1” and “!”');
      await page.getByText('Advanced: type, algorithm, digits, period').click();
      await expectNoViolations(page, 'add form with an error');
      await page.screenshot({ path: test.info().outputPath(`popup-add-${scheme}.png`) });
      await page.keyboard.press('Escape');

      await popup.openEditor('YubiCloud');
      await expectNoViolations(page, 'edit');
      await page.getByRole('button', { name: 'Delete this account…' }).click();
      await expectNoViolations(page, 'delete confirmation');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Settings' }).click();
      await expectNoViolations(page, 'settings');
      await page.screenshot({ path: test.info().outputPath(`popup-settings-${scheme}.png`) });
    });

    test('the empty popup and the capture review have no axe violations', async ({ extension, site }) => {
      const empty = await PopupPage.open(extension);
      await empty.page.emulateMedia({ colorScheme: scheme });
      await expect(empty.page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
      await expectNoViolations(empty.page, 'empty');
      await empty.page.screenshot({ path: test.info().outputPath(`popup-empty-${scheme}.png`) });
      await empty.page.close();

      const tab = await extension.context.newPage();
      await tab.goto(site('acme.test', '/capture/img-png.html'));
      await tab.evaluate(() => Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined))));
      const popupTab = await extension.clickToolbarButton(tab);
      await popupTab.setViewportSize({ width: 360, height: 600 });
      await popupTab.emulateMedia({ colorScheme: scheme });
      await tab.bringToFront();
      await popupTab.getByRole('button', { name: 'Scan this page for a QR code' }).first().click();
      await expect(popupTab.getByRole('region', { name: 'Add Acme?' })).toBeVisible();
      await expectNoViolations(popupTab, 'capture review');
      await popupTab.screenshot({ path: test.info().outputPath(`popup-capture-${scheme}.png`) });
    });

    test('the welcome page opens on install, has no axe violations, and leads to each section', async ({ extension }) => {
      expect(extension.welcomePageOpened).toBe(true);
      const page = await extension.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(extension.url('welcome.html'));
      await expect(page.getByRole('heading', { name: 'Welcome to Tessera', level: 1 })).toBeVisible();
      for (const step of ['Scan a QR code on a page', 'Enter a setup key', 'Import from another app', 'Set a passphrase', 'Make a backup']) {
        await expect(page.getByRole('heading', { name: step, level: 3 })).toBeVisible();
      }
      await expectNoViolations(page, 'welcome');
      await page.screenshot({ path: test.info().outputPath(`welcome-${scheme}.png`), fullPage: true });
      await page.getByRole('link', { name: 'Import from another app' }).press('Enter');
      await expect(page).toHaveURL(/options\.html#import$/);
      await expect(page.getByRole('heading', { name: 'Restore or import' })).toBeFocused();
    });

    test('every manage section has no axe violations', async ({ extension }) => {
      await seed(extension);
      const page = await extension.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(extension.url('options.html'));
      await expect(page.getByRole('heading', { name: 'Security: passphrase and auto-lock' })).toBeVisible();
      await expect(page).toHaveTitle('Tessera: security, backup, import and export');
      await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Hometown Savings and Loan Association (bob)' });
      await page.getByRole('button', { name: 'Show QR code' }).click();
      await expectNoViolations(page, 'manage page');
      await page.screenshot({ path: test.info().outputPath(`manage-${scheme}.png`), fullPage: true });
    });
  });
}
