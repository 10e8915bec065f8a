import type { Page } from 'puppeteer-core';
import { expect, test, type FirefoxHarness } from './fixtures';
import { FirefoxPopup, FirefoxToolbarPopup, role } from './pages/popup';
import { base32ToBytes, totpWindow } from '../e2e/support/otp-oracle';

// The fixtures' enrollment secret (RFC 6238's "12345678901234567890" in base32).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** Opens a capture fixture page and waits until its QR code has been drawn and decoded. */
async function openCapturePage(firefox: FirefoxHarness, url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async () => {
    await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
  });
  return page;
}

/** Toolbar button on `page`, "Scan this page", then the one finding: checks it and adds it. */
async function scanAndAdd(firefox: FirefoxHarness, page: Page, account: string): Promise<FirefoxPopup> {
  const popup = await FirefoxPopup.openOn(firefox, page);
  // The screenshot path reads the visible tab: the page, as under the real popup panel.
  await firefox.selectTab(page);
  await popup.button('Scan this page for a QR code').click();
  const finding = await popup.page.waitForSelector(role('region', 'Add Acme?'));
  const facts = await finding!.evaluate((item) =>
    Object.fromEntries([...item.querySelectorAll('[data-field]')].map((el) => [el.getAttribute('data-field'), el.textContent?.trim()])),
  );
  expect(facts).toMatchObject({ issuer: 'Acme', account, 'secret-bits': '160 bits' });
  expect(await finding!.$eval('.capture-found-on strong', (el) => el.textContent?.trim())).toBe('acme.test');
  await finding!.$eval('button.primary', (button) => (button as HTMLButtonElement).click());
  await popup.waitForStatus(`Added Acme (${account})`);
  return popup;
}

test.describe('QR capture on Firefox', () => {
  test('reads an enrollment QR code from the page itself (img) without a single request', async ({ firefox, site, server }) => {
    const page = await openCapturePage(firefox, site('acme.test', '/capture/img-png.html'));
    const before = server.requests.length;
    const popup = await scanAndAdd(firefox, page, 'png@acme.test');
    // A scan makes no request; the otpauth `image` parameter (tracker.test) is never fetched.
    expect(server.requests.slice(before)).toEqual([]);
    await expect.poll(() => popup.codeOf('Acme')).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(RFC_SECRET), Date.now())).toContain(await popup.codeOf('Acme'));
  });

  test('falls back to a screenshot (tabs.captureVisibleTab) for a cross-origin image', async ({ firefox, site }) => {
    const page = await openCapturePage(firefox, site('acme.test', '/capture/cross-origin-image.html'));
    const popup = await scanAndAdd(firefox, page, 'cdn@acme.test');
    await expect.poll(() => popup.codeOf('Acme')).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(RFC_SECRET), Date.now())).toContain(await popup.codeOf('Acme'));
  });

  test("from Firefox's own toolbar popup (no ?tab=): Scan finds the page's code and Add binds it to that page", async ({ firefox, site }) => {
    const page = await openCapturePage(firefox, site('acme.test', '/capture/img-png.html'));
    const popup = await FirefoxToolbarPopup.openOn(firefox, page);
    expect(new URL(await popup.address()).search).toBe('');
    await popup.click('Scan this page for a QR code');
    await expect
      .poll(() => popup.inPanel((doc) => [...doc.querySelectorAll('[data-capture-item] h2')].map((heading) => heading.textContent), null), { timeout: 15_000 })
      .toEqual(['Add Acme?']);
    expect(await popup.inPanel((doc) => doc.querySelector('[data-capture-item] .capture-found-on strong')?.textContent, null)).toBe('acme.test');
    await popup.click('Add');
    await expect.poll(() => popup.status()).toContain('Added Acme (png@acme.test)');
    const accounts = await popup.helper.evaluate(() =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(message: unknown): Promise<{ value: unknown[] }> } } }).browser.runtime.sendMessage({
        tessera: 1,
        name: 'listAccounts',
      }),
    );
    expect(accounts.value).toMatchObject([
      { issuer: 'Acme', account: 'png@acme.test', sites: [{ match: 'origin', origin: new URL(site('acme.test', '/')).origin }] },
    ]);
  });
});
