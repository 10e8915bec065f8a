/**
 * Setting a passphrase on the manage page and unlocking the popup, in puppeteer terms, for the
 * Firefox specs that lock the vault (vault.spec, restart.spec).
 */
import type { Page } from 'puppeteer-core';
import { expect } from '@playwright/test';
import type { FirefoxHarness } from '../support/firefox';
import { FirefoxPopup, inputLabelled, role } from './popup';

export async function openManagePage(firefox: FirefoxHarness): Promise<Page> {
  const page = await firefox.openExtensionPage('options.html');
  await page.waitForSelector('h1');
  return page;
}

/** Sets `passphrase` on the manage page and waits until the page says it is set. */
export async function setPassphrase(firefox: FirefoxHarness, passphrase: string): Promise<void> {
  const manage = await openManagePage(firefox);
  await (await inputLabelled(manage, 'New passphrase')).type(passphrase);
  await (await inputLabelled(manage, 'New passphrase again')).type(passphrase);
  await manage.locator(role('button', 'Set passphrase')).click();
  await manage.waitForFunction(() => document.body.innerText.includes('Passphrase set.'), { polling: 100, timeout: 30_000 });
  await manage.close();
}

/** The popup shows the unlock screen and nothing about the accounts: no names, no count, no rows. */
export async function expectLocked(popup: FirefoxPopup): Promise<void> {
  await popup.page.waitForSelector(role('heading', 'Tessera is locked'));
  expect(await popup.names()).toEqual([]);
  expect(await popup.page.evaluate(() => document.body.innerText)).not.toMatch(/GitHub|alice/);
}

async function unlock(popup: FirefoxPopup, passphrase: string): Promise<void> {
  const field = await inputLabelled(popup.page, 'Passphrase');
  await field.click({ count: 3 });
  await field.type(passphrase);
  await popup.button('Unlock').click();
}

/**
 * On the unlock screen: a wrong passphrase is refused with its message and the vault stays
 * locked; then `passphrase` is typed, which should open it.
 */
export async function unlockAfterAWrongTry(popup: FirefoxPopup, passphrase: string): Promise<void> {
  await unlock(popup, 'not the passphrase');
  await popup.page.waitForFunction(() => document.querySelector('#unlock-error')?.textContent === 'That passphrase is not right.', { polling: 100 });
  await expectLocked(popup);
  await unlock(popup, passphrase);
}
