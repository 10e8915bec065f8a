/**
 * A cold Firefox: Tessera installed for good in a profile (as from addons.mozilla.org), Firefox
 * quit and started again on that profile, and the popup the first page of the new session.
 * The rest of the suite installs Tessera as a temporary add-on, which Firefox removes when it
 * quits, so these tests start Firefoxes of their own on one kept profile (`installInProfile`).
 */
import { expect, test, TEST_HOSTS } from './fixtures';
import { FirefoxPopup } from './pages/popup';
import { expectLocked, setPassphrase, unlockAfterAWrongTry } from './pages/passphrase';
import { KeptFirefoxProfile } from './support/firefox';
import { base32ToBytes, totpWindow } from '../e2e/support/otp-oracle';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSPHRASE = 'correct horse battery staple';

async function expectRightCode(popup: FirefoxPopup, issuer: string): Promise<void> {
  await expect.poll(() => popup.codeOf(issuer)).toMatch(/^\d{6}$/);
  // Against the independent oracle: the code of the current step or the one either side of it.
  expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(await popup.codeOf(issuer));
}

test.describe('a cold Firefox: installed for good, quit, started again', () => {
  let profile: KeptFirefoxProfile;
  test.beforeEach(async () => {
    profile = await KeptFirefoxProfile.create(TEST_HOSTS);
  });
  test.afterEach(async () => {
    await profile.remove();
  });

  test('the first popup after the restart lists the account with its right code; the welcome page opened once, at the install', async () => {
    test.setTimeout(120_000);
    let { session, firefox } = await profile.start();
    const welcome = firefox.url('welcome.html');
    // A first install opens the welcome page in a tab of its own.
    await expect.poll(() => session.tabAddresses(), { timeout: 15_000 }).toContain(welcome);
    let popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    const origin = firefox.origin;

    ({ session, firefox } = await profile.start());
    // The same install: its per-install address (hence its IndexedDB) is kept.
    expect(firefox.origin).toBe(origin);
    popup = await FirefoxPopup.open(firefox);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);
    await expectRightCode(popup, 'GitHub');
    // Neither the welcome page nor its tab left from before (Firefox does not restore the session).
    expect(await session.tabAddresses()).not.toContain(welcome);
  });

  test('with a passphrase, quitting Firefox locks the vault: the first popup after the restart asks for it, refuses a wrong one, opens with the right one', async () => {
    test.setTimeout(120_000);
    let { firefox } = await profile.start();
    let popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    await setPassphrase(firefox, PASSPHRASE);
    // Unlocked until Firefox quits: the popup still shows the account.
    popup = await FirefoxPopup.open(firefox);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);

    ({ firefox } = await profile.start());
    popup = await FirefoxPopup.open(firefox);
    await expectLocked(popup);
    await unlockAfterAWrongTry(popup, PASSPHRASE);
    await expect.poll(() => popup.names()).toEqual(['GitHub']);
    await expectRightCode(popup, 'GitHub');
  });

  test('after the restart, the first thing done is a fill from the keyboard or the context menu: both fill the bound page', async ({ site }) => {
    test.setTimeout(120_000);
    let { firefox } = await profile.start();
    const popup = await FirefoxPopup.open(firefox);
    await popup.addAndConfirm({ issuer: 'Example', account: 'alice', secret: SECRET, sites: ['example.test'] });

    ({ firefox } = await profile.start());
    // Alt+Shift+F as the session's first action: the command starts the background from nothing.
    const single = await firefox.browser.newPage();
    await single.goto(site('example.test', '/autofill/plain.html'), { waitUntil: 'load' });
    await firefox.selectTab(single);
    await firefox.pressShortcut('Alt+Shift+F');
    await expect.poll(() => single.$eval('#otp', (input) => (input as HTMLInputElement).value), { timeout: 15_000 }).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(await single.$eval('#otp', (input) => (input as HTMLInputElement).value));
    // The context-menu items, made when Tessera was installed, are still there after the restart.
    const split = await firefox.browser.newPage();
    await split.goto(site('example.test', '/autofill/split-6.html'), { waitUntil: 'load' });
    await firefox.chooseContextMenuItem(split, '#digit-1', 'Fill one-time code');
    const digits = () => split.$$eval('[id^="digit-"]', (inputs) => inputs.map((input) => (input as HTMLInputElement).value).join(''));
    await expect.poll(digits, { timeout: 15_000 }).toMatch(/^\d{6}$/);
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(await digits());
  });
});
