import { expect, test } from './fixtures';
import { FirefoxPopup } from './pages/popup';
import { base32ToBytes, totp, totpWindow } from '../e2e/support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const OTHER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const validCodes = (secret = SECRET) => totpWindow(base32ToBytes(secret), Date.now());

test.describe('popup on Firefox', () => {
  test('adds an account by setup key and shows a code the oracle agrees with', async ({ firefox }) => {
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    expect(await popup.names()).toEqual(['GitHub']);
    await expect.poll(() => popup.codeOf('GitHub')).toMatch(/^\d{6}$/);
    expect(validCodes()).toContain(await popup.codeOf('GitHub'));
  });

  test('adds an account by otpauth:// link, with its own digits and algorithm', async ({ firefox }) => {
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAccountFromUri(`otpauth://totp/Acme:bob@acme.test?secret=${OTHER_SECRET}&issuer=Acme&algorithm=SHA256&digits=8`);
    await popup.waitForStatus('Added Acme (bob@acme.test)');
    await expect.poll(() => popup.codeOf('Acme')).toMatch(/^\d{8}$/);
    const now = Date.now();
    const expected = [now - 30_000, now, now + 30_000].map((t) => totp(base32ToBytes(OTHER_SECRET), t, { digits: 8, algorithm: 'sha256' }));
    expect(expected).toContain(await popup.codeOf('Acme'));
  });

  test('copies a code to the clipboard and finds accounts by search', async ({ firefox }) => {
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    await popup.addAndConfirm({ issuer: 'Acme', account: 'bob', secret: OTHER_SECRET });
    await firefox.writeClipboard('before');

    await popup.copy('GitHub');
    await popup.waitForStatus('Copied the code for GitHub (alice).');
    expect(validCodes()).toContain(await firefox.readClipboard());

    await popup.search('acm');
    await expect.poll(() => popup.names()).toEqual(['Acme']);
    await popup.search('nothing like it');
    await expect.poll(() => popup.names()).toEqual([]);
    await popup.search('');
    await expect.poll(() => popup.names().then((names) => names.sort())).toEqual(['Acme', 'GitHub']);
  });

  test('clears its own code from the clipboard after the delay, from a stopped event page', async ({ firefox }) => {
    test.setTimeout(90_000);
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    await popup.button('Settings').click();
    // The optional clipboardRead permission is granted without Firefox's prompt in this profile
    // (extensions.webextOptionalPermissionPrompts = false), standing for the person's "Allow".
    await popup.page.waitForSelector('select[name="clipboardClearSeconds"]');
    // From the keyboard: Firefox grants a permission request only inside a user's input handler.
    await popup.page.focus('select[name="clipboardClearSeconds"]');
    await popup.page.keyboard.press('ArrowDown');
    // The setting sticks only once the permission is granted.
    await expect.poll(() => popup.page.$eval('select[name="clipboardClearSeconds"]', (s) => (s as HTMLSelectElement).value)).toBe('15');
    await popup.button('Done').click();

    await popup.copy('GitHub');
    await popup.waitForStatus('It will be cleared from the clipboard in 15 seconds.');
    expect(validCodes()).toContain(await firefox.readClipboard());
    await popup.page.close();
    // Nothing of Tessera runs now: the alarm alone must wake the event page to clear.
    await firefox.stopBackground();
    expect(await firefox.backgroundState()).toBe('stopped');
    await expect.poll(() => firefox.readClipboard(), { timeout: 30_000, intervals: [1000] }).toBe('');
  });
});
