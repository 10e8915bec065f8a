import { request as httpRequest } from 'node:http';
import jsQR from 'jsqr';
import { TOTP } from 'otpauth';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The demo site's own promises, which the capture and autofill tests build on.
const DEMO_URI = 'otpauth://totp/Acme%20Cloud:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Cloud';

// Codes come from the `otpauth` library: independent of the page's verifier and of Tessera.
const alice = new TOTP({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 });

/** A 6-digit code the page must reject: none of the steps it accepts (now ± 30 s). */
function wrongCode(): string {
  const accepted = new Set([-30_000, 0, 30_000].map((shift) => alice.generate({ timestamp: Date.now() + shift })));
  let candidate = 123_456;
  while (accepted.has(String(candidate))) candidate += 1;
  return String(candidate);
}

/** Rasterises an element (img, canvas or a container with an svg) in the page and decodes it with jsQR. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const pixels = await page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    let source: CanvasImageSource;
    if (el instanceof HTMLCanvasElement || el instanceof HTMLImageElement) {
      source = el;
    } else {
      const svg = el.querySelector('svg');
      if (!svg) throw new Error(`no svg in ${sel}`);
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
      await img.decode();
      source = img;
    }
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 300;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 300, 300);
    ctx.drawImage(source, 10, 10, 280, 280);
    // Base64 crosses the CDP boundary far faster than an array of 360,000 numbers.
    const bytes = ctx.getImageData(0, 0, 300, 300).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, selector);
  return jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), 300, 300)?.data ?? null;
}

test.describe('demo site', () => {
  test('shows the enrollment QR code as img, canvas and svg, each decoding to the demo URI', async ({ page, site, server }) => {
    await page.goto(site('acme', 'enroll.html'));
    await expect(page.locator('body')).toHaveAttribute('data-qr-ready', 'true');

    expect(await decodeQr(page, '#qr-img-code')).toBe(DEMO_URI);
    expect(await decodeQr(page, '#qr-canvas-code')).toBe(DEMO_URI);
    expect(await decodeQr(page, '#qr-svg-code')).toBe(DEMO_URI);
    await expect(page.locator('#qr-img .secret')).toHaveText('JBSW Y3DP EHPK 3PXP');

    const qrRequests = server.requests.filter((r) => r.pathname.startsWith('/qr'));
    expect(qrRequests.map((r) => r.pathname).sort()).toEqual(['/qr-matrix.json', '/qr.png', '/qr.svg']);
    expect(qrRequests.every((r) => r.status === 200)).toBe(true);
  });

  test('enroll.html?uri= shows another account', async ({ page, site }) => {
    const uri = 'otpauth://totp/Example:bob@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example';
    await page.goto(site('acme', `enroll.html?uri=${encodeURIComponent(uri)}`));
    await expect(page.locator('body')).toHaveAttribute('data-qr-ready', 'true');
    await expect(page.locator('#qr-img-code')).toHaveJSProperty('complete', true);
    expect(await decodeQr(page, '#qr-img-code')).toBe(uri);
    expect(await decodeQr(page, '#qr-svg-code')).toBe(uri);
    await expect(page.locator('#qr-canvas .secret')).toHaveText('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });

  test('login.html accepts the current code after the password step and rejects a wrong one', async ({ page, site }) => {
    await page.goto(site('acme', 'login.html'));
    await page.getByLabel('Password').fill('anything');
    await page.getByRole('button', { name: 'Continue' }).click();

    const field = page.locator('input[autocomplete="one-time-code"]');
    await expect(field).toBeVisible();
    await expect(field).toHaveAttribute('inputmode', 'numeric');

    await field.fill(wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('#result')).toHaveText('Wrong code');

    await field.fill(alice.generate());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('#result')).toHaveText('Code accepted');
    await expect(page.locator('#result')).toHaveAttribute('data-state', 'accepted');
  });

  test('split.html advances as digits are typed and spreads a pasted code over the six boxes', async ({ page, site }) => {
    await page.goto(site('acme', 'split.html'));
    const boxes = page.locator('#digits input');
    await expect(boxes).toHaveCount(6);

    const wrong = wrongCode();
    await boxes.first().focus();
    await page.keyboard.type(wrong);
    await expect(boxes.nth(5)).toBeFocused();
    expect(await boxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value).join(''))).toBe(wrong);
    await expect(page.locator('#result')).toHaveText('Wrong code');

    const code = alice.generate();
    await boxes.first().evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await boxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toEqual([...code]);
    await expect(page.locator('#result')).toHaveText('Code accepted');
  });
});

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: 'acme.test' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('fixture server', () => {
  test('never serves files outside the site folder or hidden ones', async ({ server }) => {
    // The site is tests/fixtures/site: three levels up is the repository, one up holds the TLS key.
    for (const path of [
      '/../../../package.json',
      '/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%2ftls%2fkey.pem',
      '/assets/..%2f..%2ftls%2fkey.pem',
      '/..%5ctls%5ckey.pem',
      '/_headers.json',
    ]) {
      const res = await rawGet(server.httpPort, path);
      expect.soft(res.status, path).not.toBe(200);
      expect.soft(res.body, path).not.toContain('PRIVATE KEY');
      expect.soft(res.body, path).not.toContain('"devDependencies"');
    }
  });

  test('serves content types, per-path headers and QR images, and logs every request', async ({ server }) => {
    const page = await rawGet(server.httpPort, '/enroll.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await rawGet(server.httpPort, '/assets/site.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(server.httpPort, '/assets/totp-check.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );

    expect((await rawGet(server.httpPort, '/sandboxed.html')).headers['content-security-policy']).toBe('sandbox');
    server.setHeaders('/login.html', { 'X-Frame-Options': 'DENY' });
    expect((await rawGet(server.httpPort, '/login.html')).headers['x-frame-options']).toBe('DENY');

    const png = await rawGet(server.httpPort, '/qr.png?text=hello');
    expect(png.headers['content-type']).toBe('image/png');
    const svg = await rawGet(server.httpPort, '/qr.svg?text=hello');
    expect(svg.body).toMatch(/^<svg /);
    const matrix = JSON.parse((await rawGet(server.httpPort, '/qr-matrix.json?text=hello')).body) as {
      size: number;
      modules: number[][];
    };
    expect(matrix.size).toBe(21); // "hello" fits a version 1 symbol
    expect(matrix.modules).toHaveLength(21);
    expect((await rawGet(server.httpPort, '/qr.png')).status).toBe(400);
    expect((await rawGet(server.httpPort, '/qr.png?text=x&dark=red')).status).toBe(400);

    expect(server.requests.map((r) => `${r.status} ${r.host} ${r.url}`)).toContain('200 acme.test /qr.png?text=hello');
    expect(server.requests.at(-1)).toMatchObject({ scheme: 'http', pathname: '/qr.png', status: 400 });
  });
});
