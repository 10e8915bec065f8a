/**
 * Reads the system clipboard from a page of the fixture server: Chromium grants
 * clipboard permissions to web origins only, not to the extension's own pages.
 */
import type { BrowserContext, Page } from '@playwright/test';

export class ClipboardReader {
  #page: Page | null = null;

  constructor(
    private readonly context: BrowserContext,
    private readonly origin: string,
  ) {}

  async #reader(): Promise<Page> {
    if (!this.#page || this.#page.isClosed()) {
      await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.origin });
      this.#page = await this.context.newPage();
      await this.#page.goto(`${this.origin}/`);
    }
    return this.#page;
  }

  /** Reads the clipboard, then gives focus back to `returnTo`. */
  async read(returnTo?: Page): Promise<string> {
    const page = await this.#reader();
    await page.bringToFront();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    await returnTo?.bringToFront();
    return text;
  }

  async write(text: string, returnTo?: Page): Promise<void> {
    const page = await this.#reader();
    await page.bringToFront();
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await returnTo?.bringToFront();
  }
}
