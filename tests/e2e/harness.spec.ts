// Functions passed to evaluate() run in the browser: they can use only what they declare.
import { expect, test, type ChromeGlobal } from './fixtures';
import { PopupPage } from './pages/popup-page';

test.describe('e2e harness', () => {
  test('loads the production build and yields its id from the service worker', async ({ extensionId, serviceWorker }) => {
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
    const manifest = await serviceWorker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Tessera Authenticator');
  });

  test('opens the popup page and shows its heading', async ({ openPopup, extensionId }) => {
    const page = await openPopup();
    expect(page.url()).toBe(`chrome-extension://${extensionId}/popup.html`);
    const popup = new PopupPage(page, extensionId);
    await expect(popup.heading).toBeVisible();
    await expect(popup.heading).toContainText('Tessera');
  });

  test('serves the demo pages over https on several *.test host names', async ({ page, site, server }) => {
    await page.goto(site('acme', 'enroll.html'));
    await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
    expect(new URL(page.url()).protocol).toBe('https:');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);

    await page.goto(site('other-bank', 'login.html'));
    await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();

    const hosts = new Set(server.requests.map((r) => r.host));
    expect(hosts).toEqual(new Set(['acme.test', 'other-bank.test']));
    expect(server.requests.every((r) => r.scheme === 'https')).toBe(true);
  });

  test('stopServiceWorker() kills the worker and the next message starts a new one', async ({
    extension,
    serviceWorker,
    stopServiceWorker,
    openPopup,
  }) => {
    const before = await serviceWorker.evaluate(() => {
      (globalThis as { harnessMarker?: string }).harnessMarker = 'set before the stop';
      return performance.timeOrigin;
    });
    expect(await extension.workerStatus()).toBe('running');

    await stopServiceWorker();
    expect(await extension.workerStatus()).toBe('stopped');

    // Any runtime message wakes the worker; this one is not a Tessera envelope, so it is ignored.
    const popup = await openPopup();
    await popup.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({ harness: 'wake' }).catch(() => undefined));

    const revived = await extension.currentServiceWorker();
    const after = await revived.evaluate(() => ({
      marker: (globalThis as { harnessMarker?: string }).harnessMarker ?? null,
      bootedAt: performance.timeOrigin,
    }));
    expect(after.marker).toBeNull();
    expect(after.bootedAt).toBeGreaterThan(before);
    expect(await extension.workerStatus()).toBe('running');
  });

  test('restartBrowser() relaunches on the same profile, keeping chrome.storage.local', async ({
    extension,
    serviceWorker,
    restartBrowser,
  }) => {
    const idBefore = extension.extensionId;
    await serviceWorker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.set({ harnessProbe: 'survives a restart' }));
    const contextBefore = extension.context;

    await restartBrowser();

    expect(extension.context).not.toBe(contextBefore);
    expect(extension.extensionId).toBe(idBefore);
    const worker = await extension.currentServiceWorker();
    const stored = await worker.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.storage.local.get('harnessProbe'));
    expect(stored).toEqual({ harnessProbe: 'survives a restart' });
  });
});
