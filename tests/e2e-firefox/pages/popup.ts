/**
 * The popup for the Firefox suite, in puppeteer terms. It finds controls by role and
 * accessible name with the same names as the Chromium suite's PopupPage (tests/e2e/pages),
 * whose Playwright locators cannot drive a puppeteer page.
 */
import type { ElementHandle, Locator, Page } from 'puppeteer-core';
import type { NewAccount } from '../../e2e/pages/popup-page';
import type { FirefoxHarness } from '../support/firefox';

/** A puppeteer ARIA selector: the element with this role and exactly this accessible name. */
export function role(roleName: string, name: string): string {
  return `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(roleName)}])`;
}

/** A puppeteer ARIA selector: the element whose accessible name (its label) is exactly `name`. */
export function label(name: string): string {
  return `::-p-aria(${JSON.stringify(name)})`;
}

/**
 * The input inside the `<label>` whose text starts with `text`. For password fields, which
 * Firefox's accessibility locator does not find by name.
 */
export async function inputLabelled(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('label')].find((el) => el.querySelector('span')?.textContent?.trim() === wanted)?.querySelector('input'),
    { polling: 50 },
    text,
  );
  return handle as unknown as ElementHandle<HTMLInputElement>;
}

export class FirefoxPopup {
  constructor(readonly page: Page) {}

  /** popup.html in a tab of its own. */
  static async open(firefox: FirefoxHarness): Promise<FirefoxPopup> {
    const popup = new FirefoxPopup(await firefox.openExtensionPage('popup.html'));
    await popup.ready();
    return popup;
  }

  /** The popup opened from the toolbar button with `tab` in front (which grants activeTab). */
  static async openOn(firefox: FirefoxHarness, tab: Page): Promise<FirefoxPopup> {
    const popup = new FirefoxPopup(await firefox.clickToolbarButton(tab));
    await popup.ready();
    return popup;
  }

  /**
   * Waits until the popup has left its loading state and every row on screen shows its code
   * (without a snapshot the rows are drawn first and their codes follow).
   */
  async ready(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        document.querySelector('h1') !== null &&
        !document.querySelector('.loading') &&
        [...document.querySelectorAll('li[data-account-id]')]
          .filter((row) => row.getBoundingClientRect().top < innerHeight)
          .every((row) => row.querySelector('[data-code]')?.textContent !== '…'),
      { polling: 50 },
    );
  }

  button(name: string): Locator<Element> {
    return this.page.locator(role('button', name));
  }

  field(name: string): Locator<Element> {
    return this.page.locator(label(name));
  }

  /** Text of the status toast (empty when none shows). */
  async status(): Promise<string> {
    return this.page.evaluate(() => document.querySelector('.toast')?.textContent ?? '');
  }

  /** Issuers of the rows shown, in order. */
  async names(): Promise<string[]> {
    return this.page.$$eval('li[data-account-id] .row-issuer', (els) => els.map((el) => el.textContent ?? ''));
  }

  /** The code shown in the row of `issuer`, without the grouping space ('' when no such row). */
  async codeOf(issuer: string): Promise<string> {
    return this.page.evaluate((wanted) => {
      for (const row of document.querySelectorAll('li[data-account-id]')) {
        if (row.querySelector('.row-issuer')?.textContent === wanted) return (row.querySelector('[data-code]')?.textContent ?? '').replace(/\s/g, '');
      }
      return '';
    }, issuer);
  }

  async openAddForm(): Promise<void> {
    await this.page.locator(role('button', 'Add an account')).click();
  }

  async addAccount(input: NewAccount): Promise<void> {
    await this.openAddForm();
    if (input.issuer !== undefined) await this.field('Service (issuer)').fill(input.issuer);
    if (input.account !== undefined) await this.field('Account').fill(input.account);
    await this.field('Setup key (base32)').fill(input.secret);
    for (const site of input.sites ?? []) {
      await this.field('Add a site').fill(site);
      await this.button('Add site').click();
      await this.button(`Remove ${site.replace(/^https:\/\//, '')}`).wait();
    }
    await this.button('Add account').click();
  }

  async addAccountFromUri(uri: string): Promise<void> {
    await this.openAddForm();
    await this.page.locator(role('radio', 'Paste an otpauth:// link')).click();
    await this.field('Link').fill(uri);
    await this.button('Add account').click();
  }

  /** Adds through the form and waits until this very account is announced. */
  async addAndConfirm(input: NewAccount): Promise<void> {
    await this.addAccount(input);
    const label = input.issuer && input.account ? `${input.issuer} (${input.account})` : input.issuer || input.account || 'Unnamed account';
    await this.waitForStatus(`Added ${label}`);
  }

  /** Clicks the row of `issuer`, which copies its code. */
  async copy(issuer: string): Promise<void> {
    const button = await this.page.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('li[data-account-id]')]
          .find((row) => row.querySelector('.row-issuer')?.textContent === wanted)
          ?.querySelector('[data-row-button]'),
      { polling: 50 },
      issuer,
    );
    await (button as unknown as { click(): Promise<void> }).click();
  }

  /** Replaces the search text by typing, as a person would (an empty string clears it). */
  async search(text: string): Promise<void> {
    const box = this.page.locator(role('searchbox', 'Search accounts'));
    await box.click({ count: 3 });
    await this.page.keyboard.press('Backspace');
    if (text) await this.page.keyboard.type(text);
  }

  /** Sends one message of Tessera's contract from this page (an extension page), as the UI does. */
  async send<T>(name: string, payload?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
    return this.page.evaluate(
      (n, p) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<never> } } }).browser.runtime.sendMessage({ tessera: 1, name: n, payload: p }),
      name,
      payload as never,
    );
  }

  /** Waits until the status toast contains `text`. */
  async waitForStatus(text: string): Promise<void> {
    await this.page.waitForFunction((wanted) => document.querySelector('.toast')?.textContent?.includes(wanted), { polling: 50 }, text);
  }
}

/**
 * Firefox's own popup panel (no `?tab=`), opened by `FirefoxHarness.openToolbarPopup`, read and
 * clicked from `helper`, one of Tessera's pages in a tab, through `extension.getViews`.
 */
export class FirefoxToolbarPopup {
  private constructor(readonly helper: Page) {}

  static async openOn(firefox: FirefoxHarness, tab: Page): Promise<FirefoxToolbarPopup> {
    return new FirefoxToolbarPopup(await firefox.openToolbarPopup(tab));
  }

  /** Runs `read` on the panel's document (and `argument`, as JSON) in the helper page. */
  inPanel<A, T>(read: (doc: Document, argument: A) => T, argument: A): Promise<Awaited<T>> {
    return this.helper.evaluate(panelExpression(read, argument)) as Promise<Awaited<T>>;
  }

  /** The panel's address: `popup.html`, with no `?tab=` (the toolbar acts for the selected tab). */
  address(): Promise<string> {
    return this.inPanel((doc) => doc.location.href, null);
  }

  /** The issuers listed under the section whose heading is `title` ('This site', 'Accounts', …). */
  namesUnder(title: string): Promise<string[]> {
    return this.inPanel((doc, wanted) => {
      const section = [...doc.querySelectorAll('section.list-section')].find((el) => el.querySelector('h2')?.textContent === wanted);
      return [...(section?.querySelectorAll('li[data-account-id] .row-issuer') ?? [])].map((el) => el.textContent ?? '');
    }, title);
  }

  /** Whether a button with this accessible name (its aria-label, else its text) is in the panel. */
  hasButton(name: string): Promise<boolean> {
    return this.helper.evaluate(`${panelExpression(buttonNamed, name)} !== undefined`) as Promise<boolean>;
  }

  /**
   * Clicks the button with this accessible name once the panel shows it (a DOM click: BiDi cannot
   * send input to the panel).
   */
  async click(name: string): Promise<void> {
    const button = panelExpression(buttonNamed, name);
    await this.helper.waitForFunction(`${button} !== undefined`, { polling: 50, timeout: 10_000 }).catch(() => {
      throw new Error(`No button "${name}" in the toolbar popup.`);
    });
    await this.helper.evaluate(`${button}.click()`);
  }

  /** Text of the panel's status toast (empty when none shows). */
  status(): Promise<string> {
    return this.inPanel((doc) => doc.querySelector('.toast')?.textContent ?? '', null);
  }
}

/** The button in `doc` whose accessible name (its aria-label, else its text) is `name`. */
function buttonNamed(doc: Document, name: string): HTMLButtonElement | undefined {
  return [...doc.querySelectorAll('button')].find((el) => (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name);
}

/**
 * `read(panel document, argument)` as source for the helper page, which reaches the panel through
 * `extension.getViews` (puppeteer cannot hand a function another window's document).
 */
function panelExpression<A>(read: (doc: Document, argument: A) => unknown, argument: A): string {
  return `(${read.toString()})(browser.extension.getViews({ type: 'popup' })[0].document, ${JSON.stringify(argument)})`;
}
