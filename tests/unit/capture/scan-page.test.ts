// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureSource, Rect } from '@/lib/capture/find-sources';
import type { PixelResult } from '@/lib/capture/read-pixels';
import { scanPage } from '@/lib/capture/scan-page';
import { decodeQrCodes } from '@/lib/qr/decode';
import { blankImage, qrImage } from '../qr/qr-image';

const URI = 'otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example';
let rects: Map<Element, Rect>;
const geometry = (el: Element): Rect => rects.get(el) ?? { x: 0, y: 0, width: 0, height: 0 };
const place = (id: string, x: number, y: number, w = 164, h = 164) => rects.set(document.getElementById(id)!, { x, y, width: w, height: h });
const png = (n: number) => `https://site.test/img-${n}.png`;

beforeEach(() => {
  rects = new Map();
  document.body.innerHTML = '';
  Object.defineProperty(window, 'innerWidth', { value: 1280, configurable: true });
  Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
});

describe('scanPage', () => {
  it('finds the code among 50 other images and reports it in viewport pixels', async () => {
    const others = Array.from({ length: 50 }, (_, i) => `<img id="o${i}" src="${png(i)}">`).join('');
    document.body.innerHTML = `${others}<img id="qr" src="https://site.test/qr.png">`;
    for (let i = 0; i < 50; i++) place(`o${i}`, (i % 10) * 120, Math.floor(i / 10) * 120, 100, 100);
    const code = qrImage(URI, { scale: 4 }); // 196 px with its quiet zone
    place('qr', 600, 400, code.width / 2, code.height / 2); // shown at half size
    const readPixels = async (s: CaptureSource): Promise<PixelResult> =>
      s.element.id === 'qr'
        ? { status: 'ok', pixels: code, rect: s.rect }
        : { status: 'ok', pixels: blankImage(100, 100, [200, 100, 50]), rect: s.rect };
    const report = await scanPage(document, window, { readPixels, decode: decodeQrCodes, geometry });
    expect(report.found).toHaveLength(1);
    expect(report.found[0]).toMatchObject({ text: URI, sourceKind: 'img' });
    // The code starts 4 modules (16 image px, 8 CSS px) inside the image.
    expect(Math.abs(report.found[0]!.rect.x - 608)).toBeLessThanOrEqual(1);
    expect(Math.abs(report.found[0]!.rect.width - 82)).toBeLessThanOrEqual(1);
    expect(report.scanned).toBe(51);
    expect(report.unreadable).toEqual([]);
  });

  it('reads at most maxSources sources and leaves the rest to the screenshot', async () => {
    document.body.innerHTML = Array.from({ length: 5 }, (_, i) => `<img id="o${i}" src="${png(i)}">`).join('');
    for (let i = 0; i < 5; i++) place(`o${i}`, i * 200, 0);
    const readPixels = vi.fn(async (s: CaptureSource): Promise<PixelResult> => ({ status: 'ok', pixels: blankImage(10, 10), rect: s.rect }));
    const report = await scanPage(document, window, { readPixels, decode: () => [], geometry }, { maxSources: 3 });
    expect(readPixels).toHaveBeenCalledTimes(3);
    expect(report.unreadable.map((u) => u.reason)).toEqual(['budget', 'budget']);
  });

  it('reads an image URL once even when it appears twice', async () => {
    document.body.innerHTML = `<img id="a" src="${png(1)}"><img id="b" src="${png(1)}"><div id="c" style="background-image:url('${png(1)}')"></div>`;
    place('a', 0, 0);
    place('b', 200, 0);
    place('c', 400, 0);
    const readPixels = vi.fn(async (s: CaptureSource): Promise<PixelResult> => ({ status: 'ok', pixels: blankImage(10, 10), rect: s.rect }));
    const report = await scanPage(document, window, { readPixels, decode: () => [], geometry });
    expect(readPixels).toHaveBeenCalledTimes(1);
    expect(report.scanned).toBe(1);
  });

  it('skips hidden sources and reports unreadable ones for the screenshot fallback', async () => {
    document.body.innerHTML = `<img id="hidden" src="${png(1)}" style="visibility:hidden"><img id="cors" src="https://cdn.test/qr.png"><iframe id="f"></iframe>`;
    Object.defineProperty(document.getElementById('f')!, 'contentDocument', { value: null });
    place('hidden', 0, 0);
    place('cors', 200, 0);
    place('f', 0, 300, 500, 300);
    const readPixels = vi.fn(async (s: CaptureSource): Promise<PixelResult> => ({ status: 'unreadable', reason: 'cross-origin', rect: s.rect }));
    const report = await scanPage(document, window, { readPixels, decode: () => [], geometry });
    expect(readPixels).toHaveBeenCalledTimes(1);
    expect(readPixels.mock.calls[0]![0].element.id).toBe('cors');
    expect(report.found).toEqual([]);
    expect(report.unreadable).toEqual([
      { rect: { x: 200, y: 0, width: 164, height: 164 }, reason: 'cross-origin' },
      { rect: { x: 0, y: 300, width: 500, height: 300 }, reason: 'cross-origin' },
    ]);
  });

  it('returns each text once when two sources show the same code', async () => {
    document.body.innerHTML = `<canvas id="a" width="10" height="10"></canvas><canvas id="b" width="10" height="10"></canvas>`;
    place('a', 0, 0);
    place('b', 300, 0);
    const readPixels = async (s: CaptureSource): Promise<PixelResult> => ({ status: 'ok', pixels: blankImage(10, 10), rect: s.rect });
    const decode = () => [{ text: URI, bounds: { x: 0, y: 0, width: 10, height: 10 } }];
    const report = await scanPage(document, window, { readPixels, decode, geometry });
    expect(report.found.map((f) => [f.text, f.sourceKind, f.rect.x])).toEqual([[URI, 'canvas', 0]]);
  });

  it('stops reading when the time budget is spent', async () => {
    document.body.innerHTML = `<canvas id="a"></canvas><canvas id="b"></canvas>`;
    place('a', 0, 0);
    place('b', 300, 0);
    let t = 0;
    const readPixels = async (s: CaptureSource): Promise<PixelResult> => {
      t += 500;
      return { status: 'ok', pixels: blankImage(10, 10), rect: s.rect };
    };
    const report = await scanPage(document, window, { readPixels, decode: () => [], geometry, now: () => t }, { budgetMs: 400 });
    expect(report.scanned).toBe(1);
    expect(report.unreadable).toEqual([{ rect: { x: 300, y: 0, width: 164, height: 164 }, reason: 'budget' }]);
    expect(report.ms).toBe(500);
  });
});
