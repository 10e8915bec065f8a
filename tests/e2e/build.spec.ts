import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type ChromeGlobal } from './fixtures';

test.describe('production build', () => {
  // The popup must open fast; the Public Suffix List (tldts, ~135 KiB) belongs to the worker
  // and to the pages that edit site bindings, loaded on demand there.
  test('the popup loads no Public Suffix List up front', async ({ extension }) => {
    const html = await readFile(path.join(extension.extensionDir, 'popup.html'), 'utf8');
    const upFront = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(upFront.length).toBeGreaterThan(0);
    for (const file of upFront) {
      const code = await readFile(path.join(extension.extensionDir, file), 'utf8');
      // Public suffixes no hand-written code would name.
      expect(code, file).not.toContain('blogspot');
      expect(code, file).not.toContain('amazonaws');
    }
  });

  // Each file an extension page waits for costs more than its bytes (scripts/popup-chunks.ts).
  test("the popup's first screen waits for two module files", async ({ extension }) => {
    const html = await readFile(path.join(extension.extensionDir, 'popup.html'), 'utf8');
    expect([...html.matchAll(/<(?:script type="module"|link rel="modulepreload")[^>]*>/g)]).toHaveLength(2);
  });

  // Chromium starts a classic service worker from V8's stored compiled code and parses a module
  // worker again at every start (entrypoints/background/index.ts has the figures).
  test('the worker is one classic script that imports nothing', async ({ extension }) => {
    const manifest = JSON.parse(await readFile(path.join(extension.extensionDir, 'manifest.json'), 'utf8')) as { background?: unknown };
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    const worker = await readFile(path.join(extension.extensionDir, 'background.js'), 'utf8');
    expect(worker).not.toMatch(/^\s*import[\s{*]|\bimport\s*\(/m);
  });

  // #14.11: storage.session holds the unsealed key and pending captures; it must stay closed to
  // content scripts (its default). Read from a script injected into a page, as the fill and
  // capture scripts are, after the worker has started and written to it.
  test('storage.session stays closed to scripts Tessera injects into pages', async ({ extension, site }) => {
    const page = await extension.context.newPage();
    await page.goto(site('example.test', '/autofill/plain.html'));
    const popup = await extension.clickToolbarButton(page);
    const tabId = Number(new URL(popup.url()).searchParams.get('tab'));
    const seen = await popup.evaluate(async (tab) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      await chrome.storage.session.set({ probe: 'written by an extension page' });
      const [injected] = await chrome.scripting.executeScript({
        target: { tabId: tab },
        func: async () => {
          try {
            const all = await (globalThis as unknown as ChromeGlobal).chrome.storage.session.get(null);
            return `readable: ${Object.keys(all).join(',')}`;
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        },
      });
      // The extension page itself still reads it: the probe is real.
      const own = await chrome.storage.session.get('probe');
      return { injected: injected?.result as string, own: own.probe as string };
    }, tabId);
    expect(seen.own).toBe('written by an extension page');
    expect(seen.injected).toMatch(/^refused: .*not allowed/i);
  });
});
