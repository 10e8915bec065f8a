import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup-page';
import { ClipboardReader } from './support/clipboard';
import { base32ToBytes, totpWindow } from './support/otp-oracle';
import { grantOptionalPermission } from './support/profile';

const SECRET = 'JBSWY3DPEHPK3PXP';

test.describe('clipboard clearing', () => {
  test('holds no clipboard read access until the user turns clearing on', async ({ extension }) => {
    const popup = new PopupPage(await extension.openPopup(), extension.extensionId);
    await popup.ready();
    // Without a person to answer the browser's prompt, the request never succeeds.
    const settings = await popup.openSettings();
    const choice = settings.getByLabel('Clear the clipboard after copying');
    await expect(choice).toHaveValue('0');
    const granted = await popup.page.evaluate(() =>
      (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({
        permissions: ['clipboardRead'],
      }),
    );
    expect(granted).toBe(false);
  });

  test('clears our code after the delay, even with the popup closed, and leaves anything else alone', async ({ extension, site }) => {
    test.setTimeout(90_000);
    const extensionId = extension.extensionId;
    // Stands for the user accepting the clipboardRead prompt once.
    await extension.restartBrowser({
      whileClosed: () => grantOptionalPermission(extension.userDataDir, extensionId, 'clipboardRead'),
    });
    const clipboard = new ClipboardReader(extension.context, new URL(site('clipboard.test')).origin);
    let popup = new PopupPage(await extension.openPopup(), extension.extensionId, clipboard);
    await popup.ready();
    await popup.addAccount({ issuer: 'GitHub', account: 'alice', secret: SECRET });
    const settings = await popup.openSettings();
    await settings.getByLabel('Clear the clipboard after copying').selectOption('15');
    await expect(settings.getByLabel('Clear the clipboard after copying')).toHaveValue('15');
    await settings.getByRole('button', { name: 'Done' }).click();

    await popup.rowButton(/GitHub/).click();
    await expect(popup.status).toContainText('cleared from the clipboard in 15 seconds');
    const copied = await popup.readClipboard();
    expect(totpWindow(base32ToBytes(SECRET), Date.now())).toContain(copied);
    await popup.page.close();
    await expect.poll(() => clipboard.read(), { timeout: 30_000, intervals: [1000] }).toBe('');

    // Something the user copied afterwards is never touched.
    popup = new PopupPage(await extension.openPopup(), extension.extensionId, clipboard);
    await popup.ready();
    await popup.rowButton(/GitHub/).click();
    await expect(popup.status).toContainText('cleared from the clipboard');
    await popup.page.close();
    await clipboard.write('my own text');
    await new Promise((resolve) => setTimeout(resolve, 18_000));
    expect(await clipboard.read()).toBe('my own text');
  });
});
