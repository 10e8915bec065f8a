import type { Page } from 'puppeteer-core';
import { expect, test, type FirefoxHarness } from './fixtures';
import { FirefoxPopup, FirefoxToolbarPopup } from './pages/popup';
import type { NewAccount } from '../e2e/pages/popup-page';
import { base32ToBytes, totpWindow } from '../e2e/support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const validCodes = () => totpWindow(base32ToBytes(SECRET), Date.now());
const BOUND: NewAccount = { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] };

async function addAccounts(firefox: FirefoxHarness, ...accounts: NewAccount[]): Promise<void> {
  const popup = await FirefoxPopup.open(firefox);
  for (const account of accounts) await popup.addAndConfirm(account);
  await popup.page.close();
}

async function openTab(firefox: FirefoxHarness, url: string): Promise<Page> {
  const tab = await firefox.browser.newPage();
  await tab.goto(url, { waitUntil: 'load' });
  return tab;
}

/** What the fixture page's record.js saw: every input/change event with the field and value. */
async function received(tab: Page): Promise<Array<{ type: string; field: string; value: string }>> {
  return tab.evaluate(() => (window as unknown as { __received: Array<{ type: string; field: string; value: string }> }).__received);
}

test.describe('autofill on Firefox', () => {
  test("from Firefox's own toolbar popup (no ?tab=): This site lists the bound account, Open in a window is offered, Fill fills the page", async ({
    firefox,
    site,
  }) => {
    await addAccounts(firefox, BOUND, { issuer: 'Other', account: 'bob', secret: 'GEZDGNBVGY3TQOJQ' });
    const tab = await openTab(firefox, site('example.test', '/autofill/plain.html'));
    const popup = await FirefoxToolbarPopup.openOn(firefox, tab);
    // The panel itself, not a popped-out copy: it acts for the selected tab, which it must find.
    expect(new URL(await popup.address()).search).toBe('');
    await expect.poll(() => popup.namesUnder('This site')).toEqual(['Example']);
    expect(await popup.namesUnder('Other accounts')).toEqual(['Other']);
    expect(await popup.hasButton('Open in a window')).toBe(true);
    await popup.click('Fill the code for Example into this page');
    await expect.poll(() => popup.status()).toContain('Filled the code for Example (alice) into the page');
    const value = await tab.$eval('#otp', (input) => (input as HTMLInputElement).value);
    expect(validCodes()).toContain(value);
    expect((await received(tab)).map((event) => event.type)).toEqual(['input', 'change']);
  });

  test('Fill in the popup fills a single code field on a bound https site', async ({ firefox, site }) => {
    await addAccounts(firefox, BOUND);
    const tab = await openTab(firefox, site('example.test', '/autofill/plain.html'));
    const popup = await FirefoxPopup.openOn(firefox, tab);
    await popup.button('Fill the code for Example into this page').click();
    await popup.waitForStatus('Filled the code for Example (alice) into the page');
    const value = await tab.$eval('#otp', (input) => (input as HTMLInputElement).value);
    expect(validCodes()).toContain(value);
    const log = await received(tab);
    expect(log.map((event) => event.type)).toEqual(['input', 'change']);
    expect(log.every((event) => event.value === value && event.field === 'otp')).toBe(true);
  });

  test('fills six one-digit boxes, one digit each', async ({ firefox, site }) => {
    await addAccounts(firefox, BOUND);
    const tab = await openTab(firefox, site('example.test', '/autofill/split-6.html'));
    const popup = await FirefoxPopup.openOn(firefox, tab);
    await popup.button('Fill the code for Example into this page').click();
    await popup.waitForStatus('Filled');
    const digits = await tab.$$eval('[id^="digit-"]', (inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(digits).toHaveLength(6);
    expect(digits.every((digit) => /^\d$/.test(digit))).toBe(true);
    expect(validCodes()).toContain(digits.join(''));
  });

  test('fills nothing on a site the account is not bound to, even when asked directly', async ({ firefox, site }) => {
    await addAccounts(firefox, BOUND);
    const tab = await openTab(firefox, site('other.test', '/autofill/plain.html'));
    const popup = await FirefoxPopup.openOn(firefox, tab);
    await expect.poll(() => popup.names()).toEqual(['Example']);
    expect(await popup.page.$('[aria-label="Fill the code for Example into this page"]')).toBeNull();
    // The worker refuses on its own, whatever one of our pages asks.
    const listed = await popup.send<Array<{ id: string }>>('listAccounts');
    const accountId = listed.ok ? listed.value[0]!.id : '';
    const tabId = Number(new URL(await popup.page.evaluate(() => location.href)).searchParams.get('tab'));
    const reply = await popup.send('fillCode', { id: accountId, tabId });
    expect(reply).toMatchObject({ ok: false });
    // The shortcut and the context menu find no account for this site either.
    await firefox.pressShortcut('Alt+Shift+F');
    await firefox.chooseContextMenuItem(tab, '#otp', 'Fill one-time code').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await tab.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
    expect(await received(tab)).toEqual([]);
  });

  test('Alt+Shift+F fills the one account bound to the page', async ({ firefox, site }) => {
    await addAccounts(firefox, BOUND);
    const tab = await openTab(firefox, site('example.test', '/autofill/plain.html'));
    await firefox.selectTab(tab);
    await firefox.pressShortcut('Alt+Shift+F');
    await expect.poll(() => tab.$eval('#otp', (input) => (input as HTMLInputElement).value)).toMatch(/^\d{6}$/);
    expect(validCodes()).toContain(await tab.$eval('#otp', (input) => (input as HTMLInputElement).value));
  });

  test('"Fill one-time code" in the field\'s context menu fills it', async ({ firefox, site }) => {
    await addAccounts(firefox, BOUND);
    const tab = await openTab(firefox, site('example.test', '/autofill/split-6.html'));
    await firefox.chooseContextMenuItem(tab, '#digit-1', 'Fill one-time code');
    await expect.poll(() => tab.$$eval('[id^="digit-"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value).join(''))).toMatch(/^\d{6}$/);
    expect(validCodes()).toContain(await tab.$$eval('[id^="digit-"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value).join('')));
  });
});
