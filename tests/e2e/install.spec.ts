// Functions passed to evaluate() run in the browser: they can use only what they declare.
import { expect, test, type ChromeGlobal } from './fixtures';
import { waitForPage } from './support/launch';

test.describe('install', () => {
  // Chromium reports a build loaded with --load-extension (as here, and in the README's demo) as
  // newly installed at every browser start; only the profile's first install shows the welcome page.
  test('the welcome page opens on the first install only, not again after a browser restart', async ({ extension }) => {
    expect(extension.welcomePageOpened).toBe(true);

    await extension.restartBrowser();

    const welcome = await waitForPage(extension.context, (url) => url === extension.url('welcome.html'), 4000);
    expect(welcome).toBeNull();
    // The flag that tells a first install from a start was stored on the first install.
    const worker = await extension.currentServiceWorker();
    expect(await worker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('welcomePageShown'))).toEqual({ welcomePageShown: true });
  });
});
