/**
 * The optional in-page fill button on Firefox (issue 13): the same content script as in
 * Chromium, registered through `scripting.registerContentScripts` once the person turns it on
 * and Firefox grants the https host permission (the suite's profile answers Firefox's
 * permission prompt with "Allow": `extensions.webextOptionalPermissionPrompts`). Firefox has no
 * IntersectionObserver v2, so the browser's own occlusion verdict is missing there (README,
 * "Firefox"); the page-side checks this spec exercises still run.
 */
import type { Page } from 'puppeteer-core';
import { expect, test, type FirefoxHarness } from './fixtures';
import { FirefoxPopup } from './pages/popup';
import type { NewAccount } from '../e2e/pages/popup-page';
import { base32ToBytes, totpWindow } from '../e2e/support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const BOUND: NewAccount = { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] };

type Box = { x: number; y: number; width: number; height: number };

/** Adds the accounts, then ticks the setting in the popup's Settings, as a person would. */
async function turnOn(firefox: FirefoxHarness, ...accounts: NewAccount[]): Promise<void> {
  const popup = await FirefoxPopup.open(firefox);
  for (const account of accounts) await popup.addAndConfirm(account);
  await popup.button('Settings').click();
  // Its accessible name is the whole label (the setting and what it needs), so found by its name attribute.
  await popup.page.locator('input[name="inPageButton"]').click();
  // Ticked only once Firefox granted the host permission and the script is registered.
  await popup.page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="inPageButton"]')?.checked, {
    polling: 100,
    timeout: 10_000,
  });
  await popup.page.close();
}

async function openTab(firefox: FirefoxHarness, url: string): Promise<Page> {
  const tab = await firefox.browser.newPage();
  await tab.goto(url, { waitUntil: 'load' });
  await firefox.selectTab(tab);
  return tab;
}

/**
 * The box of the button's host (the one open popover with a custom-element name), or null. On
 * attack pages (attack.js), where that host was last drawn open: covering or fading the field
 * makes Tessera hide the button at its next check, possibly before a poll looks.
 */
async function buttonBox(tab: Page): Promise<Box | null> {
  return tab.evaluate(() => {
    const w = window as unknown as { __injected?: Element | null; __openBox?: Box };
    if (w.__injected) return w.__openBox ?? null;
    const host = [...document.querySelectorAll(':popover-open')].find((el) => el.localName.includes('-'));
    if (!host) return null;
    const r = host.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

/** When each account last had a code handed out (the worker's markUsed); never → undefined. */
async function lastUsed(firefox: FirefoxHarness): Promise<Array<number | undefined>> {
  const page = await firefox.openExtensionPage('popup.html');
  const times = await page.evaluate(async () => {
    const runtime = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime;
    const reply = (await runtime.sendMessage({ tessera: 1, name: 'listAccounts' })) as { value: Array<{ lastUsedAt?: number }> };
    return reply.value.map((account) => account.lastUsedAt ?? null);
  });
  await page.close();
  return times.map((time) => time ?? undefined);
}

async function received(tab: Page): Promise<Array<{ type: string; field: string; value: string }>> {
  return tab.evaluate(() => (window as unknown as { __received: Array<{ type: string; field: string; value: string }> }).__received);
}

test.describe('in-page fill button on Firefox', () => {
  test('off by default: nothing is drawn on a bound page', async ({ firefox, site }) => {
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm(BOUND);
    await popup.page.close();
    const tab = await openTab(firefox, site('example.test', '/autofill/plain.html'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await buttonBox(tab)).toBeNull();
  });

  test('turned on: a real click on the button fills the bound account\'s code; unbound sites get no button', async ({ firefox, site }) => {
    await turnOn(firefox, BOUND);
    const tab = await openTab(firefox, site('example.test', '/autofill/plain.html'));
    await expect.poll(() => buttonBox(tab), { timeout: 10_000 }).not.toBeNull();
    const box = (await buttonBox(tab))!;
    // The button ignores clicks in its first 500 ms on screen (a page cannot rush a click onto it).
    await new Promise((resolve) => setTimeout(resolve, 700));
    await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => tab.$eval('#otp', (input) => (input as HTMLInputElement).value)).toMatch(/^\d{6}$/);
    const value = await tab.$eval('#otp', (input) => (input as HTMLInputElement).value);
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(value);
    const log = await received(tab);
    expect(log.map((event) => event.type)).toEqual(['input', 'change']);
    // Nothing of ours is readable from the page: a closed shadow root and no attributes but `popover`.
    const host = await tab.evaluate(() => {
      const el = [...document.querySelectorAll(':popover-open')].find((e) => e.localName.includes('-'))!;
      return { attrs: el.getAttributeNames(), open: el.shadowRoot !== null, text: el.textContent };
    });
    expect(host).toEqual({ attrs: ['popover'], open: false, text: '' });

    const other = await openTab(firefox, site('other.test', '/autofill/plain.html'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await buttonBox(other)).toBeNull();
  });

  // The attack pages of the Chromium suite (tests/fixtures/site/in-page/attack.js) whose defence
  // does not rest on IntersectionObserver v2, which Firefox lacks (see README, "Firefox").
  const attacks: Array<[attack: string, what: string, personClicks: boolean]> = [
    ['synthetic', 'the page dispatches clicks at the button itself', false],
    ['body-opacity', 'the page fades itself out once the button appears', true],
    ['overlay', 'an ordinary element covers the field', true],
    ['field-passthrough', 'a half-transparent decoy that ignores pointer events covers the field', true],
    ['overlay-on-press', 'an element covers the field as the button is pressed', true],
    ['replace-on-press', 'the field is swapped when the button is pressed', true],
  ];
  for (const [attack, what, personClicks] of attacks) {
    test(`fills nothing when ${what} (${attack})`, async ({ firefox, site }) => {
      await turnOn(firefox, BOUND);
      const tab = await openTab(firefox, site('example.test', `/in-page/attack.html?attack=${attack}`));
      await expect.poll(() => buttonBox(tab), { timeout: 10_000 }).not.toBeNull();
      // Where the button was drawn: the person clicks there even if Tessera has since withdrawn
      // it (on Firefox it hides itself once it sees the page faded or covered).
      const box = (await buttonBox(tab))!;
      await expect.poll(() => tab.evaluate(() => (window as unknown as { __attacked: boolean }).__attacked)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 700));
      if (personClicks) await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await received(tab)).toEqual([]);
      expect(await tab.evaluate(() => [...document.querySelectorAll('input')].every((input) => input.value === ''))).toBe(true);
      // The worker handed out no code either (it marks an account used when it does).
      expect(await lastUsed(firefox)).toEqual([undefined]);
    });
  }
});
