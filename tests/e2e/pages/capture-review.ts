/**
 * Page object for the popup's QR-capture review (issue 5): the "Scan this page" button, the
 * confirmation items, and their facts, warnings, sites and buttons, found by role and name.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class CaptureReview {
  constructor(readonly page: Page) {}

  get scanButton(): Locator {
    return this.page.getByRole('button', { name: 'Scan this page for a QR code' });
  }

  /** Every finding shown, in order. */
  get items(): Locator {
    return this.page.locator('[data-capture-item]');
  }

  /** The finding whose heading matches `heading` ("Add Acme?", "Not an authenticator setup code"). */
  item(heading: string | RegExp): Locator {
    return this.page.getByRole('region', { name: heading });
  }

  get empty(): Locator {
    return this.page.locator('[data-capture-empty]');
  }

  /**
   * Clicks "Scan this page" with `target` in front (the screenshot fallback sees only the
   * visible tab; the real popup floats over it) and waits for the confirmation or its absence.
   */
  async scan(target: Page): Promise<void> {
    await target.bringToFront();
    // The header button on the list; "Scan this page again" when a review is already open.
    await this.scanButton.or(this.page.getByRole('button', { name: 'Scan this page again' })).first().click();
    await this.settled();
  }

  async settled(): Promise<void> {
    await expect(this.page.locator('.loading')).toHaveCount(0);
    await expect(this.items.or(this.empty).or(this.page.getByRole('alert')).first()).toBeVisible();
  }

  async fact(item: Locator, field: 'issuer' | 'account' | 'type' | 'secret-bits'): Promise<string> {
    return ((await item.locator(`[data-field="${field}"]`).textContent()) ?? '').trim();
  }

  async foundOn(item: Locator): Promise<string> {
    return ((await item.locator('.capture-found-on strong').textContent()) ?? '').trim();
  }

  async warnings(item: Locator): Promise<string[]> {
    return item.locator('[data-warning]').evaluateAll((els) => els.map((el) => el.getAttribute('data-warning') ?? ''));
  }

  /** The site bindings the SitesEditor in this item lists. */
  async sites(item: Locator): Promise<string[]> {
    return (await item.locator('.site-list li > span').allTextContents()).map((t) => t.replace(/\s*\((whole site|this address only)\)$/, '').trim());
  }
}
