import { describe, expect, it, vi } from 'vitest';
import { cropRects, decodeScreenshot, screenshotScale } from '@/lib/capture/screenshot';
import type { QrBounds, QrImage, QrPixelSource } from '@/lib/qr/decode';
import { blankImage, drawQr } from '../qr/qr-image';

const URI = 'otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example';

describe('screenshotScale', () => {
  it('is 1 at DPR 1, 2 at DPR 2 and 1.5 at 150 % zoom', () => {
    expect(screenshotScale({ screenshotWidth: 1280, screenshotHeight: 800, innerWidth: 1280 })).toBe(1);
    expect(screenshotScale({ screenshotWidth: 2560, screenshotHeight: 1600, innerWidth: 1280, devicePixelRatio: 2 })).toBe(2);
    // A 1280-px window zoomed to 150 % has an innerWidth of 853.33 CSS px.
    expect(screenshotScale({ screenshotWidth: 1280, screenshotHeight: 800, innerWidth: 1280 / 1.5 })).toBeCloseTo(1.5);
  });

  it('falls back to devicePixelRatio and rejects a view with neither', () => {
    expect(screenshotScale({ screenshotWidth: 2560, screenshotHeight: 1600, innerWidth: 0, devicePixelRatio: 2 })).toBe(2);
    expect(() => screenshotScale({ screenshotWidth: 2560, screenshotHeight: 1600, innerWidth: 0 })).toThrow(RangeError);
  });
});

describe('cropRects', () => {
  const rect = { x: 100, y: 50, width: 200, height: 200 };

  it('pads and keeps CSS pixels at DPR 1', () => {
    expect(cropRects([rect], { screenshotWidth: 1280, screenshotHeight: 800, innerWidth: 1280 }, 10)).toEqual([
      { x: 90, y: 40, width: 220, height: 220 },
    ]);
  });

  it('doubles every coordinate at DPR 2', () => {
    expect(cropRects([rect], { screenshotWidth: 2560, screenshotHeight: 1600, innerWidth: 1280 }, 10)).toEqual([
      { x: 180, y: 80, width: 440, height: 440 },
    ]);
  });

  it('scales by 1.5 at 150 % zoom', () => {
    expect(cropRects([rect], { screenshotWidth: 1200, screenshotHeight: 750, innerWidth: 800 }, 10)).toEqual([
      { x: 135, y: 60, width: 330, height: 330 },
    ]);
  });

  it('clamps to the screenshot and drops rects outside it', () => {
    const view = { screenshotWidth: 1280, screenshotHeight: 800, innerWidth: 1280 };
    expect(cropRects([{ x: -50, y: 700, width: 200, height: 200 }], view, 10)).toEqual([
      { x: 0, y: 690, width: 160, height: 110 },
    ]);
    expect(cropRects([{ x: 2000, y: 100, width: 100, height: 100 }], view, 10)).toEqual([]);
  });
});

/** A screenshot held in memory, as the worker's canvas holds it; `reads` records each region read. */
function inMemory(image: QrImage, reads: QrBounds[] = []): QrPixelSource {
  return {
    width: image.width,
    height: image.height,
    read(region) {
      reads.push(region);
      const { x, y, width, height } = region;
      const data = new Uint8ClampedArray(width * height * 4);
      for (let row = 0; row < height; row++) {
        const start = ((y + row) * image.width + x) * 4;
        data.set(image.data.subarray(start, start + width * 4), row * width * 4);
      }
      return { data, width, height };
    },
    close: () => {},
  };
}

describe('decodeScreenshot', () => {
  it('decodes a crop and reports bounds in screenshot pixels', () => {
    const shot = blankImage(1000, 700);
    const box = drawQr(shot, URI, 600, 300, { scale: 4 });
    const found = decodeScreenshot(inMemory(shot), [{ x: 560, y: 260, width: 320, height: 320 }]);
    expect(found.map((f) => f.text)).toEqual([URI]);
    expect(Math.abs(found[0]!.bounds.x - box.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(found[0]!.bounds.y - box.y)).toBeLessThanOrEqual(2);
  });

  it('decodes only the crops when they find something, and reads only their pixels', () => {
    const decode = vi.fn((_image: QrImage) => [{ text: 'a', bounds: { x: 1, y: 2, width: 3, height: 4 } }]);
    const reads: QrBounds[] = [];
    const found = decodeScreenshot(inMemory(blankImage(100, 100), reads), [{ x: 10, y: 20, width: 50, height: 50 }], decode);
    expect(reads).toEqual([{ x: 10, y: 20, width: 50, height: 50 }]);
    expect(decode).toHaveBeenCalledTimes(1);
    expect(decode.mock.calls[0]![0]).toMatchObject({ width: 50, height: 50 });
    expect(found).toEqual([{ text: 'a', bounds: { x: 11, y: 22, width: 3, height: 4 } }]);
  });

  it('falls back to the whole frame when the crops find nothing', () => {
    const shot = blankImage(1000, 700);
    drawQr(shot, URI, 600, 300, { scale: 4 });
    const reads: QrBounds[] = [];
    expect(decodeScreenshot(inMemory(shot, reads), [{ x: 0, y: 0, width: 200, height: 200 }]).map((f) => f.text)).toEqual([URI]);
    expect(reads).toEqual([
      { x: 0, y: 0, width: 200, height: 200 },
      { x: 0, y: 0, width: 1000, height: 700 },
    ]);
  });

  it('reads a crop that runs past the edge only where it is inside the screenshot, and skips one wholly outside', () => {
    const decode = vi.fn((_image: QrImage) => []);
    const reads: QrBounds[] = [];
    decodeScreenshot(
      inMemory(blankImage(100, 80), reads),
      [
        { x: 90.5, y: -4, width: 30, height: 20.2 },
        { x: 150, y: 10, width: 20, height: 20 },
      ],
      decode,
    );
    expect(reads).toEqual([
      { x: 90, y: 0, width: 10, height: 17 },
      { x: 0, y: 0, width: 100, height: 80 },
    ]);
  });
});
