/**
 * Page object for the popup (opened as a tab at `chrome-extension://<id>/popup.html`).
 * A stub for now: the popup's own page objects grow here with its features.
 */
import type { Locator, Page } from '@playwright/test';

export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  get url(): string {
    return `chrome-extension://${this.extensionId}/popup.html`;
  }

  async goto(): Promise<this> {
    await this.page.goto(this.url);
    return this;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
}
