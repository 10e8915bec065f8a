import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { FirefoxPopup, role } from './pages/popup';
import { expectLocked, openManagePage, setPassphrase, unlockAfterAWrongTry } from './pages/passphrase';
import { base32ToBytes, totp, totpWindow } from '../e2e/support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSPHRASE = 'correct horse battery staple';
const PLAIN_LIST = fileURLToPath(new URL('../fixtures/import/plain.txt', import.meta.url));

test.describe('vault on Firefox', () => {
  test('sets a passphrase, locks, refuses a wrong one, unlocks with the right one', async ({ firefox }) => {
    test.setTimeout(90_000);
    let popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    await popup.page.close();
    await setPassphrase(firefox, PASSPHRASE);

    popup = await FirefoxPopup.open(firefox);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);
    await popup.button('Lock now').click();
    await expectLocked(popup);

    await unlockAfterAWrongTry(popup, PASSPHRASE);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);
    await expect.poll(() => popup.codeOf('GitHub')).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(await popup.codeOf('GitHub'));
  });

  test('an event-page restart keeps the vault, and keeps it unlocked', async ({ firefox }) => {
    test.setTimeout(90_000);
    let popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    await popup.page.close();
    await setPassphrase(firefox, PASSPHRASE);

    await firefox.stopBackground();
    expect(await firefox.backgroundState()).toBe('stopped');
    // The popup's first message starts the event page again, with none of its old globals.
    popup = await FirefoxPopup.open(firefox);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);
    expect(await firefox.backgroundState()).toBe('running');
    await expect.poll(() => popup.codeOf('GitHub')).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(await popup.codeOf('GitHub'));
  });

  test('imports an otpauth:// list on the manage page, every code as the oracle computes it', async ({ firefox }) => {
    const manage = await openManagePage(firefox);
    const input = await manage.waitForSelector('input[type="file"]');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(path.resolve(PLAIN_LIST));
    await manage.waitForFunction(() => document.querySelectorAll('table.preview tbody tr').length === 7 && !document.querySelector('table.preview tbody tr[data-status="checking"]'), { polling: 100 });
    await manage.locator(role('button', 'Import 7 accounts')).click();
    await manage.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((el) => el.textContent?.includes('Imported')), { polling: 100 });

    const popup = await FirefoxPopup.open(firefox);
    await expect.poll(() => popup.names().then((names) => names.length)).toBe(7);
    // Codes as the worker computes them, against the oracle, for TOTP accounts of each algorithm.
    const at = Date.now();
    const codes = await popup.send<Array<{ id: string; current?: string }>>('getCodes', { at });
    const accounts = await popup.send<Array<{ id: string; issuer: string }>>('listAccounts');
    if (!codes.ok || !accounts.ok) throw new Error('The worker did not answer.');
    const codeOf = (issuer: string) => codes.value.find((c) => c.id === accounts.value.find((a) => a.issuer === issuer)?.id)?.current;
    expect(codeOf('Deno')).toBe(totp(base32ToBytes('4SJHB4GSD43FZBAI7C2HLRJGPQ'), at));
    expect(codeOf('Airbnb')).toBe(totp(base32ToBytes('7ELGJSGXNCCTV3O6LKJWYFV2RA'), at, { digits: 8, period: 50, algorithm: 'sha512' }));
    expect(codeOf('SPDX')).toBe(totp(base32ToBytes('5OM4WOOGPLQEF6UGN3CPEOOLWU'), at, { digits: 7, period: 20, algorithm: 'sha256' }));
    expect((await popup.names()).sort()).toEqual(['Air Canada', 'Airbnb', 'Boeing', 'Deno', 'Issuu', 'SPDX', 'WWE']);
  });
});
