import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { expect, test, type ExtensionHarness } from './fixtures';
import { PopupPage, type NewAccount } from './pages/popup-page';
import { base32ToBytes, totpWindow } from './support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const validCodes = () => totpWindow(base32ToBytes(SECRET), Date.now());

/** Adds accounts through the popup, as a user would. */
async function addAccounts(extension: ExtensionHarness, ...accounts: NewAccount[]): Promise<void> {
  const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
  await popup.ready();
  for (const account of accounts) {
    await popup.addAndConfirm(account);
  }
  await popup.page.close();
}

/** Opens `url`, then the popup from the toolbar for that tab (which grants activeTab). */
async function popupOn(extension: ExtensionHarness, url: string): Promise<{ tab: Page; popup: PopupPage }> {
  const tab = await extension.context.newPage();
  await tab.goto(url);
  await tab.waitForLoadState('load');
  const popup = new PopupPage(await extension.clickToolbarButton(tab), extension.extensionId);
  await popup.ready();
  return { tab, popup };
}

function fillButton(popup: PopupPage, issuer: string) {
  return popup.page.getByRole('button', { name: `Fill the code for ${issuer} into this page` });
}

async function received(frame: Page | Frame): Promise<Array<{ type: string; field: string; value: string }>> {
  return frame.evaluate(() => (window as unknown as { __received: Array<{ type: string; field: string; value: string }> }).__received);
}

/** Every frame of the page recorded nothing and every input is empty. */
async function expectNothingFilled(tab: Page): Promise<void> {
  for (const frame of tab.frames()) {
    const log = await frame.evaluate(() => (window as unknown as { __received?: unknown[] }).__received ?? []).catch(() => []);
    expect(log).toEqual([]);
    const values = await frame.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value)).catch(() => []);
    expect(values.every((v) => v === '')).toBe(true);
  }
}

test.describe('autofill', () => {
  test('fills a plain 2FA field on a bound site, and the page sees input and change', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/plain.html'));
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled the code for Example (alice) into the page');
    const value = await tab.locator('#otp').inputValue();
    expect(validCodes()).toContain(value);
    const log = await received(tab);
    expect(log.map((e) => e.type)).toEqual(['input', 'change']);
    expect(log.every((e) => e.value === value && e.field === 'otp')).toBe(true);
  });

  test("fills from the toolbar's own popup, which acts for the page it was opened on", async ({ extension, site }) => {
    // Every other test drives a popped-out copy (`popup.html?tab=<id>`); this is the popup a person
    // gets, whose address names no tab. Reading its missing `tab` as tab 0 once left it acting for
    // no page at all: no "This site", no Fill, no "Open in a window".
    await addAccounts(
      extension,
      { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] },
      { issuer: 'Elsewhere', account: 'bob', secret: 'KRSXG5CTMVRXEZLU', sites: ['other.test'] },
    );
    const tab = await extension.context.newPage();
    await tab.goto(site('example.test', '/autofill/plain.html'));
    await tab.waitForLoadState('load');
    const popup = await extension.openToolbarPopup(tab);
    expect(popup.url()).toBe(extension.url('popup.html'));

    const thisSite = await popup.waitForSelector('section[aria-labelledby="h-this-site"]', { timeout: 10_000 });
    expect(await thisSite!.$$eval('li[data-account-id] .row-issuer', (names) => names.map((n) => n.textContent))).toEqual(['Example']);
    expect(await popup.$('::-p-aria(Open in a window)')).not.toBeNull();
    await popup.locator('::-p-aria(Fill the code for Example into this page)').click();
    await expect.poll(() => tab.locator('#otp').inputValue()).toMatch(/^\d{6}$/);
    expect(validCodes()).toContain(await tab.locator('#otp').inputValue());
    expect((await received(tab)).map((e) => e.type)).toEqual(['input', 'change']);
  });

  for (const [page, selector] of [
    ['one-time-code.html', '#code'],
    ['react-controlled.html', '#totp'],
  ] as const) {
    test(`fills ${page}`, async ({ extension, site }) => {
      await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
      const { tab, popup } = await popupOn(extension, site('example.test', `/autofill/${page}`));
      await fillButton(popup, 'Example').click();
      await expect.poll(() => tab.locator(selector).inputValue()).toMatch(/^\d{6}$/);
      expect(validCodes()).toContain(await tab.locator(selector).inputValue());
      if (page === 'react-controlled.html') {
        // The framework's own state saw the value, not just the DOM.
        expect(await tab.evaluate(() => (window as unknown as { __state: string }).__state)).toBe(await tab.locator(selector).inputValue());
      }
    });
  }

  test('fills the 2FA field of an Arabic right-to-left page that only its Arabic words name', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/ar-totp.html'));
    expect(await tab.evaluate(() => [document.documentElement.lang, document.dir])).toEqual(['ar', 'rtl']);
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled the code for Example (alice) into the page');
    const value = await tab.locator('#field-7').inputValue();
    expect(validCodes()).toContain(value);
    expect((await received(tab)).map((e) => e.type)).toEqual(['input', 'change']);
  });

  test('fills six one-digit boxes, one digit each', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/split-6.html'));
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled');
    const digits = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => tab.locator(`#digit-${i}`).inputValue()));
    expect(digits.every((d) => /^\d$/.test(d))).toBe(true);
    expect(validCodes()).toContain(digits.join(''));
  });

  test('fills a field inside an open shadow root', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/shadow-root.html'));
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled');
    const value = await tab.locator('otp-box input').inputValue();
    expect(validCodes()).toContain(value);
  });

  test('fills the field of a same-origin iframe', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/same-origin-iframe.html'));
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled');
    const frame = tab.frameLocator('#login');
    expect(validCodes()).toContain(await frame.locator('input').first().inputValue());
  });

  test('never submits the form unless the account is set to, then submits after filling', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const watchSubmit = (tab: Page) =>
      tab.evaluate(() => {
        const flags = window as unknown as { __submitted: number };
        flags.__submitted = 0;
        document.getElementById('f')!.addEventListener('submit', () => (flags.__submitted += 1));
      });
    const submitted = (tab: Page) => tab.evaluate(() => (window as unknown as { __submitted: number }).__submitted);

    let { tab, popup } = await popupOn(extension, site('example.test', '/autofill/plain.html'));
    await watchSubmit(tab);
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled');
    expect(await submitted(tab)).toBe(0);

    const form = await popup.openEditor('Example');
    await form.getByLabel('Submit the form after filling').check();
    await form.getByRole('button', { name: 'Save' }).click();
    ({ tab, popup } = await popupOn(extension, site('example.test', '/autofill/plain.html?again')));
    await watchSubmit(tab);
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText('Filled');
    expect(await submitted(tab)).toBe(1);
    expect(validCodes()).toContain(await tab.locator('#otp').inputValue());
  });

  test('Enter on a bound account fills and copies the same code', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/plain.html'));
    await popup.rowButton(/Example/).focus();
    await popup.page.keyboard.press('Enter');
    await expect(popup.status).toContainText('and copied it');
    expect(validCodes()).toContain(await tab.locator('#otp').inputValue());
  });

  test("keyboard alone, in the toolbar's own popup: type to search, arrow to the row, Enter fills and copies", async ({ extension, site }) => {
    await addAccounts(
      extension,
      { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] },
      { issuer: 'Elsewhere', account: 'bob', secret: 'KRSXG5CTMVRXEZLU' },
    );
    const tab = await extension.context.newPage();
    await tab.goto(site('example.test', '/autofill/plain.html'));
    await tab.waitForLoadState('load');
    const popup = await extension.openToolbarPopup(tab);
    await popup.waitForSelector('li[data-account-id] [data-code]', { timeout: 10_000 });
    const focused = () => popup.evaluate(() => document.activeElement?.closest('li')?.querySelector('.row-issuer')?.textContent ?? document.activeElement?.id ?? null);
    await popup.keyboard.type('exam');
    expect(await focused()).toBe('search');
    await popup.waitForFunction(() => document.querySelectorAll('li[data-account-id]').length === 1);
    await popup.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Example');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('and copied it'), { timeout: 10_000 });
    expect(validCodes()).toContain(await tab.locator('#otp').inputValue());
  });

  test('offers no Fill and fills nothing where the account is not bound', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    for (const host of ['examp1e.test', 'example.test.evil.test', 'other.test']) {
      const { tab, popup } = await popupOn(extension, site(host, '/autofill/plain.html'));
      await expect(fillButton(popup, 'Example')).toHaveCount(0);
      // Even asked directly by an extension page, the worker refuses: the binding decides.
      const reply = await popup.page.evaluate(async (tabId) => {
        const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
        return chrome.runtime.sendMessage({ tessera: 1, name: 'fillCode', payload: { id: 'x', tabId } });
      }, Number(new URL(popup.page.url()).searchParams.get('tab')));
      expect(reply).toMatchObject({ ok: false });
      await expectNothingFilled(tab);
      await popup.page.close();
      await tab.close();
    }
  });

  test('an exact-origin binding does not fill a sibling subdomain', async ({ extension, site }) => {
    const boundOrigin = new URL(site('a.example.test')).origin;
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: [boundOrigin] });
    const { tab, popup } = await popupOn(extension, site('b.example.test', '/autofill/plain.html'));
    await expect(fillButton(popup, 'Example')).toHaveCount(0);
    await expectNothingFilled(tab);

    const bound = await popupOn(extension, site('a.example.test', '/autofill/plain.html'));
    await fillButton(bound.popup, 'Example').click();
    expect(validCodes()).toContain(await bound.tab.locator('#otp').inputValue());
  });

  test('never fills when the page is merely loaded (no user action)', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const tab = await extension.context.newPage();
    await tab.goto(site('example.test', '/autofill/plain.html'));
    await tab.waitForTimeout(1500);
    await expectNothingFilled(tab);
  });

  const refusals: Array<[string, RegExp]> = [
    ['sms-code.html', /no visible field/],
    ['ar-sms-code.html', /no visible field/],
    ['coupon.html', /no visible field/],
    ['attack-field-opacity.html', /no visible field|hidden/],
    ['attack-body-opacity.html', /no visible field|hidden/],
    ['attack-overlay.html', /no visible field|hidden|covered/],
    ['attack-overlay-popover.html', /no visible field|hidden|covered/],
    // #14.8: covers that hit testing looks through (pointer-events: none), drawn over the field.
    ['attack-passthrough-cover.html?cover=opaque', /no visible field|hidden|covered/],
    ['attack-passthrough-cover.html?cover=partial', /no visible field|hidden|covered/],
    ['attack-passthrough-cover.html?cover=faint', /no visible field|hidden|covered/],
    ['attack-passthrough-cover.html?cover=half', /no visible field|hidden|covered/],
    ['attack-sandboxed-iframe.html', /no visible field/],
    ['attack-srcdoc-iframe.html', /no visible field/],
    ['attack-csp-sandbox.html', /no visible field|only fill codes/],
    ['cross-origin-iframe.html', /no visible field/],
  ];
  for (const [page, message] of refusals) {
    test(`fills nothing on ${page}`, async ({ extension, site }) => {
      await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
      const { tab, popup } = await popupOn(extension, site('example.test', `/autofill/${page}`));
      const fill = fillButton(popup, 'Example');
      if ((await fill.count()) > 0) {
        await fill.click();
        await expect(popup.status).toContainText(message);
      }
      await tab.waitForTimeout(300);
      await expectNothingFilled(tab);
    });
  }

  test('fills the real field and never the hidden decoy', async ({ extension, site }) => {
    await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
    const { tab, popup } = await popupOn(extension, site('example.test', '/autofill/attack-hidden-decoy.html'));
    await fillButton(popup, 'Example').click();
    await expect(popup.status).toContainText(/Filled|field/);
    expect(await tab.locator('#decoy').inputValue()).toBe('');
    expect((await received(tab)).some((e) => e.field === 'decoy')).toBe(false);
  });

  for (const page of ['attack-synthetic-events.html', 'attack-postmessage.html']) {
    test(`ignores what ${page} does on its own`, async ({ extension, site }) => {
      await addAccounts(extension, { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });
      const tab = await extension.context.newPage();
      await tab.goto(site('example.test', `/autofill/${page}`));
      await tab.waitForTimeout(1500);
      await expectNothingFilled(tab);
    });
  }

  test('holds no host permission and injects nothing declaratively', async ({ extension }) => {
    const manifest = JSON.parse(await readFile(path.join(extension.extensionDir, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.permissions).not.toContain('<all_urls>');
    expect(manifest.permissions).not.toContain('tabs');
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });
});
