/**
 * The optional in-page fill button (issue 6, Build 4) in the production build: off by default,
 * drawn only on bound sites once the person turned it on (and granted the https host
 * permission), fills the right code on a real click, and fills nothing on attack pages.
 *
 * The permission prompt cannot be clicked by automation, so "the person accepted it" is
 * written into the closed profile as Chromium records it (`support/profile.ts`); the popup's
 * `permissions.request` then resolves at once, as it does for a permission already held.
 */
import type { Page } from '@playwright/test';
import { expect, test, type ChromeGlobal, type ExtensionHarness } from './fixtures';
import { PopupPage, type NewAccount } from './pages/popup-page';
import { base32ToBytes, totpWindow } from './support/otp-oracle';
import { grantOptionalHostPermission } from './support/profile';

const SECRET = 'JBSWY3DPEHPK3PXP';
const SECOND_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const validCodes = (secret = SECRET) => totpWindow(base32ToBytes(secret), Date.now());
const SCRIPT_ID = 'tessera-in-page-button';
const BOUND: NewAccount = { issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] };

type Box = { x: number; y: number; width: number; height: number };

async function registeredScripts(extension: ExtensionHarness): Promise<string[]> {
  const worker = await extension.currentServiceWorker().catch(async () => extension.wakeServiceWorker());
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    return (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id);
  });
}

/** The person accepts the host-permission prompt (written into the profile), adds accounts, ticks the setting. */
async function turnOn(extension: ExtensionHarness, ...accounts: NewAccount[]): Promise<void> {
  const id = extension.extensionId;
  await extension.restartBrowser({
    whileClosed: () => grantOptionalHostPermission(extension.userDataDir, id, ['https://*/*']),
  });
  const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
  await popup.ready();
  for (const account of accounts) {
    await popup.addAndConfirm(account);
  }
  const settings = await popup.openSettings();
  const box = settings.getByLabel('Show a fill button in 2FA fields');
  // click, not check(): the box stays unticked until the browser's answer arrives.
  await box.click();
  await expect(box).toBeChecked();
  await expect.poll(() => registeredScripts(extension)).toEqual([SCRIPT_ID]);
  await popup.page.close();
}

async function open(extension: ExtensionHarness, url: string): Promise<Page> {
  const tab = await extension.context.newPage();
  await tab.goto(url);
  await tab.bringToFront();
  return tab;
}

/**
 * On attack pages (attack.js), where the host the page saw appear was last drawn open (the
 * button may be hidden again by then: covering or fading the field makes Tessera hide it);
 * elsewhere the box of the one open popover.
 */
async function buttonBox(tab: Page): Promise<Box | null> {
  return tab.evaluate(() => {
    const w = window as unknown as { __injected?: Element | null; __openBox?: Box };
    if (w.__injected) return w.__openBox ?? null;
    const host = [...document.querySelectorAll(':popover-open')].find((el) => el.localName.includes('-')) ?? null;
    if (!host || !host.matches(':popover-open')) return null;
    const r = host.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

async function waitForButton(tab: Page): Promise<Box> {
  await expect.poll(() => buttonBox(tab), { timeout: 10_000 }).not.toBeNull();
  return (await buttonBox(tab))!;
}

async function clickCentre(tab: Page, box: Box): Promise<void> {
  await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function received(tab: Page): Promise<Array<{ type: string; field: string; value: string }>> {
  return tab.evaluate(() => (window as unknown as { __received: Array<{ type: string; field: string; value: string }> }).__received);
}

/** When a code was last handed out by the worker for any account (markUsed): none → undefined. */
async function lastUsed(extension: ExtensionHarness): Promise<Array<number | undefined>> {
  const page = await extension.openPopup();
  const accounts = await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    const reply = (await chrome.runtime.sendMessage({ tessera: 1, name: 'listAccounts' })) as {
      value: Array<{ lastUsedAt?: number }>;
    };
    return reply.value.map((a) => a.lastUsedAt);
  });
  await page.close();
  return accounts;
}

async function expectNothingFilled(tab: Page, extension: ExtensionHarness): Promise<void> {
  expect(await received(tab)).toEqual([]);
  expect(await tab.evaluate(() => [...document.querySelectorAll('input')].every((i) => i.value === ''))).toBe(true);
  // The worker never handed out a code (it marks the account used when it does).
  expect(await lastUsed(extension)).toEqual([undefined]);
}

test.describe('in-page fill button', () => {
  test('is off by default: no permission, no script registered, nothing drawn', async ({ extension, site }) => {
    const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
    await popup.ready();
    await popup.addAccount(BOUND);
    const settings = await popup.openSettings();
    await expect(settings.getByLabel('Show a fill button in 2FA fields')).not.toBeChecked();
    const granted = await popup.page.evaluate(() =>
      (globalThis as unknown as ChromeGlobal).chrome.permissions.contains({ origins: ['https://*/*'] }),
    );
    expect(granted).toBe(false);
    expect(await registeredScripts(extension)).toEqual([]);
    // Ticking it asks the browser; unanswered (no one to click the prompt here), it stays off.
    await settings.getByLabel('Show a fill button in 2FA fields').click();
    await expect(settings.getByRole('status').filter({ hasText: "Answer the browser's question" })).toBeVisible();
    await expect(settings.getByLabel('Show a fill button in 2FA fields')).not.toBeChecked();
    expect(await registeredScripts(extension)).toEqual([]);
    const tab = await open(extension, site('example.test', '/in-page/attack.html'));
    await tab.waitForTimeout(1500);
    expect(await tab.evaluate(() => (window as unknown as { __injected: unknown }).__injected)).toBeNull();
    expect(await tab.evaluate(() => document.querySelectorAll(':popover-open').length)).toBe(0);
  });

  test('a real click fills the one bound account\'s code, and the page sees it', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const tab = await open(extension, site('example.test', '/autofill/plain.html'));
    const box = await waitForButton(tab);
    await tab.waitForTimeout(700);
    await clickCentre(tab, box);
    await expect.poll(() => tab.locator('#otp').inputValue()).toMatch(/^\d{6}$/);
    const value = await tab.locator('#otp').inputValue();
    expect(validCodes()).toContain(value);
    const log = await received(tab);
    expect(log.map((e) => e.type)).toEqual(['input', 'change']);
    expect(log.every((e) => e.value === value && e.field === 'otp')).toBe(true);
    // Nothing of ours is left but the host: no ids, classes or attributes besides `popover`.
    const host = await tab.evaluate(() => {
      const el = [...document.querySelectorAll(':popover-open')][0]!;
      return { attrs: el.getAttributeNames(), open: el.shadowRoot !== null, text: el.textContent };
    });
    expect(host).toEqual({ attrs: ['popover'], open: false, text: '' });
  });

  test('fills six one-digit boxes from the button beside them', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const tab = await open(extension, site('example.test', '/autofill/split-6.html'));
    const box = await waitForButton(tab);
    const lastBox = await tab.locator('#digit-6').boundingBox();
    expect(box.x).toBeGreaterThan(lastBox!.x + lastBox!.width);
    await tab.waitForTimeout(700);
    await clickCentre(tab, box);
    await expect.poll(() => tab.locator('#digit-6').inputValue()).toMatch(/^\d$/);
    const digits = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => tab.locator(`#digit-${i}`).inputValue()));
    expect(validCodes()).toContain(digits.join(''));
  });

  test('is not drawn on an unbound site nor on lookalikes', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    for (const host of ['other.test', 'examp1e.test', 'example.test.evil.test']) {
      const tab = await open(extension, site(host, '/in-page/attack.html'));
      await tab.waitForTimeout(1200);
      expect(await tab.evaluate(() => (window as unknown as { __injected: unknown }).__injected)).toBeNull();
      await tab.close();
    }
    // The same page on the bound site does get it (the script runs on the others too).
    const tab = await open(extension, site('example.test', '/in-page/attack.html'));
    await waitForButton(tab);
  });

  test('with several bound accounts a click fills nothing and sends the person to the popup', async ({ extension, site }) => {
    await turnOn(extension, BOUND, { issuer: 'Example', account: 'bob', secret: SECOND_SECRET, sites: ['example.test'] });
    const tab = await open(extension, site('example.test', '/autofill/plain.html'));
    const box = await waitForButton(tab);
    await tab.waitForTimeout(700);
    await clickCentre(tab, box);
    await tab.waitForTimeout(800);
    expect(await tab.locator('#otp').inputValue()).toBe('');
    expect(await received(tab)).toEqual([]);
    // The toolbar popup opened for the person to choose (where the browser allows openPopup);
    // asked before anything else opens a tab, which would close it.
    const worker = await extension.currentServiceWorker();
    const popups = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      return (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.POPUP] })).length;
    });
    expect(popups).toBe(1);
    expect(await lastUsed(extension)).toEqual([undefined, undefined]);
  });

  const attacks: Array<[string, string]> = [
    ['body-opacity', 'body faded to opacity 0.001 once the button appears'],
    ['html-opacity', 'html faded to opacity 0.001'],
    ['overlay', 'an ordinary element covering the field'],
    ['field-passthrough', 'a half-transparent decoy over the field that ignores pointer events (#14.8)'],
    ['overlay-popover', 'a page popover shown after ours, pointer-events:none'],
    ['closed-popover', 'the same popover inside a closed shadow root'],
    ['dialog', 'a page dialog over everything, pointer-events:none'],
    // The same, started by the press itself: only the checks made at the click can see them.
    ['body-opacity-on-press', 'body fades as the button is pressed'],
    ['html-opacity-on-press', 'html fades as the button is pressed'],
    ['overlay-on-press', 'an element covers the field as the button is pressed'],
    ['overlay-popover-on-press', 'a page popover opens as the button is pressed'],
    ['dialog-on-press', 'a page dialog opens as the button is pressed'],
    // Bait over the button from the start, taken away at the press (the click lands on us).
    ['overlay-popover-lift-on-press', 'a covering page popover is hidden at the press'],
    ['closed-popover-lift-on-press', 'a covering closed-shadow popover is hidden at the press'],
    ['move-on-press', 'the field moves when the button is pressed'],
    ['replace-on-press', 'the field is swapped when the button is pressed'],
  ];
  for (const [attack, what] of attacks) {
    test(`fills nothing when ${what} (${attack})`, async ({ extension, site }) => {
      await turnOn(extension, BOUND);
      const tab = await open(extension, site('example.test', `/in-page/attack.html?attack=${attack}`));
      const box = await waitForButton(tab);
      expect(await tab.evaluate(() => (window as unknown as { __attacked: boolean }).__attacked)).toBe(true);
      await tab.waitForTimeout(700);
      await clickCentre(tab, box);
      await tab.waitForTimeout(800);
      await expectNothingFilled(tab, extension);
    });
  }

  test('ignores page-dispatched clicks on the host', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const tab = await open(extension, site('example.test', '/in-page/attack.html?attack=synthetic'));
    await waitForButton(tab);
    await tab.waitForTimeout(1500);
    await expectNothingFilled(tab, extension);
  });

  test('ignores page postMessages pretending to be Tessera', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const tab = await open(extension, site('example.test', '/autofill/attack-postmessage.html'));
    await waitForButton(tab);
    await tab.waitForTimeout(1500);
    await expectNothingFilled(tab, extension);
  });

  test('ignores a click right after the button appears, and takes one a moment later', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const tab = await open(extension, site('example.test', '/in-page/attack.html'));
    // Every animation frame, so the click follows the button's appearance within a few frames.
    await tab.waitForFunction(() => (window as unknown as { __injected: Element | null }).__injected?.matches(':popover-open'), null, {
      polling: 'raf',
    });
    const box = await waitForButton(tab);
    await clickCentre(tab, box);
    // The press landed within the delay (if the machine was too slow for that, say so here).
    const [pressedAfter] = await tab.evaluate(() => (window as unknown as { __presses: number[] }).__presses);
    expect(pressedAfter).toBeLessThan(500);
    await tab.waitForTimeout(800);
    await expectNothingFilled(tab, extension);
    await clickCentre(tab, box);
    await expect.poll(() => tab.locator('#otp').inputValue()).toMatch(/^\d{6}$/);
    expect(validCodes()).toContain(await tab.locator('#otp').inputValue());
  });

  test('a permission revoked outside Tessera unregisters the script and turns the setting off', async ({ extension }) => {
    await turnOn(extension, BOUND);
    const worker = await extension.currentServiceWorker();
    // As when the person removes site access in the browser's extension settings.
    await worker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.permissions.remove({ origins: ['https://*/*'] }));
    await expect.poll(() => registeredScripts(extension)).toEqual([]);
    const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
    await popup.ready();
    const settings = await popup.openSettings();
    await expect(settings.getByLabel('Show a fill button in 2FA fields')).not.toBeChecked();
  });

  test('a restarted worker puts back a registration that went missing', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const worker = await extension.currentServiceWorker();
    await worker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.scripting.unregisterContentScripts());
    await extension.stopServiceWorker();
    await extension.wakeServiceWorker();
    await expect.poll(() => registeredScripts(extension)).toEqual([SCRIPT_ID]);
    const tab = await open(extension, site('example.test', '/autofill/plain.html'));
    await waitForButton(tab);
  });

  test('turning the setting off unregisters the script and gives the permission back', async ({ extension, site }) => {
    await turnOn(extension, BOUND);
    const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
    await popup.ready();
    const settings = await popup.openSettings();
    await settings.getByLabel('Show a fill button in 2FA fields').uncheck();
    await expect.poll(() => registeredScripts(extension)).toEqual([]);
    const granted = await popup.page.evaluate(() =>
      (globalThis as unknown as ChromeGlobal).chrome.permissions.contains({ origins: ['https://*/*'] }),
    );
    expect(granted).toBe(false);
    const tab = await open(extension, site('example.test', '/in-page/attack.html'));
    await tab.waitForTimeout(1500);
    expect(await tab.evaluate(() => (window as unknown as { __injected: unknown }).__injected)).toBeNull();
  });
});
