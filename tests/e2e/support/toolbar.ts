/**
 * Presses the extension's toolbar button for a tab, through CDP `Extensions.triggerAction`
 * (needs `--enable-unsafe-extension-debugging` and a browser-level CDP session). Unlike
 * opening `popup.html` in a tab, this opens the real popup for that tab and grants
 * `activeTab`, exactly as a click on the toolbar icon does.
 */
import { createServer } from 'node:net';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';

/** The toolbar's own popup window, attached through puppeteer-core. */
export type ToolbarPopup = PuppeteerPage;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class Toolbar {
  #browser: Browser | null = null;
  #session: CDPSession | null = null;
  #puppeteer: PuppeteerBrowser | null = null;

  constructor(private readonly port: number) {}

  async #cdp(): Promise<CDPSession> {
    if (!this.#session) {
      this.#browser = await chromium.connectOverCDP(`http://127.0.0.1:${this.port}`);
      this.#session = await this.#browser.newBrowserCDPSession();
    }
    return this.#session;
  }

  /**
   * Clicks the toolbar button while `page` is the active tab. The browser then grants
   * `activeTab` on it and opens the popup (which Playwright cannot attach to, so tests
   * drive a popped-out copy of it; see `ExtensionHarness.clickToolbarButton`).
   */
  async press(extensionId: string, page: Page): Promise<void> {
    const cdp = await this.#cdp();
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tabs = targetInfos.filter((t) => t.url === page.url());
    if (tabs.length !== 1) throw new Error(`Expected one tab at ${page.url()}, found ${tabs.length}.`);
    await page.bringToFront();
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0]!.targetId });
  }

  /**
   * Clicks the toolbar button for `page` and returns the popup the browser opened: the toolbar's
   * own popup, with no `?tab=` in its address, which only puppeteer-core attaches to here.
   */
  async pressAndAttach(extensionId: string, page: Page): Promise<ToolbarPopup> {
    this.#puppeteer ??= await puppeteer.connect({ browserURL: `http://127.0.0.1:${this.port}`, defaultViewport: null });
    const popupUrl = `chrome-extension://${extensionId}/popup.html`;
    // A popup closed a moment ago may still be listed: only a target opened by this click counts.
    const earlier = new Set(this.#puppeteer.targets());
    const opened = this.#puppeteer.waitForTarget((target) => target.url() === popupUrl && !earlier.has(target), { timeout: 10_000 });
    await this.press(extensionId, page);
    const popup = await (await opened).asPage();
    if (!popup) throw new Error('The toolbar popup opened but could not be attached to.');
    return popup;
  }

  /** Drops the extra CDP connections (the browser itself is closed by its owner). */
  async disconnect(): Promise<void> {
    const attached = this.#puppeteer;
    this.#puppeteer = null;
    await attached?.disconnect().catch(() => {});
    this.#session = null;
    const browser = this.#browser;
    this.#browser = null;
    // Closing a connectOverCDP browser only disconnects this client.
    await browser?.close().catch(() => {});
  }
}
