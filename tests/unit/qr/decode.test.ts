import { describe, expect, it } from 'vitest';
import { decodeQrCodes } from '@/lib/qr/decode';
import { blankImage, drawQr, qrImage, screenshotLike } from './qr-image';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const OTHER = 'otpauth://totp/Other:bob@example.com?secret=KRSXG5CTMVRXEZLU&issuer=Other';

/** Expects a box within a couple of pixels of the one the code was drawn into. */
function expectNear(actual: { x: number; y: number; width: number; height: number }, expected: typeof actual) {
  for (const k of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(3);
  }
}

describe('decodeQrCodes', () => {
  it('decodes a plain dark-on-light code and reports its box', () => {
    const img = blankImage(300, 300);
    const box = drawQr(img, URI, 20, 30, { scale: 4 });
    const found = decodeQrCodes(img);
    expect(found.map((f) => f.text)).toEqual([URI]);
    expectNear(found[0]!.bounds, box);
  });

  it('decodes a light-on-dark (inverted) code', () => {
    const img = qrImage(URI, { dark: [250, 250, 250], light: [15, 15, 40] });
    expect(decodeQrCodes(img).map((f) => f.text)).toEqual([URI]);
  });

  it('decodes a code drawn with 2-pixel modules', () => {
    const img = blankImage(400, 250);
    const box = drawQr(img, URI, 101, 37, { scale: 2 });
    const found = decodeQrCodes(img);
    expect(found.map((f) => f.text)).toEqual([URI]);
    expectNear(found[0]!.bounds, box);
  });

  it('decodes a tiny 1-pixel-module image by upscaling it', () => {
    const img = qrImage('otpauth://totp/a?secret=AAAAAAAA', { scale: 1, margin: 2 });
    expect(img.width).toBeLessThan(40);
    expect(decodeQrCodes(img).map((f) => f.text)).toEqual(['otpauth://totp/a?secret=AAAAAAAA']);
  });

  it('decodes a code with large modules (16 px) and reports its full box', () => {
    const img = blankImage(1000, 900);
    const box = drawQr(img, URI, 37, 21, { scale: 16 });
    const found = decodeQrCodes(img);
    expect(found.map((f) => f.text)).toEqual([URI]);
    expectNear(found[0]!.bounds, box);
  });

  it('treats transparent pixels as white background', () => {
    const img = qrImage(URI, { scale: 3 });
    // Light pixels become fully transparent black, as in a PNG with no background.
    for (let i = 0; i < img.data.length; i += 4) {
      if (img.data[i] === 255) img.data.set([0, 0, 0, 0], i);
    }
    expect(decodeQrCodes(img).map((f) => f.text)).toEqual([URI]);
  });

  it('returns every code when an image holds two', () => {
    const img = blankImage(700, 400);
    const a = drawQr(img, URI, 10, 10, { scale: 4 });
    const b = drawQr(img, OTHER, 380, 60, { scale: 5, dark: [255, 255, 255], light: [0, 0, 0] });
    const found = decodeQrCodes(img);
    expect(found.map((f) => f.text).sort()).toEqual([URI, OTHER].sort());
    expectNear(found.find((f) => f.text === URI)!.bounds, a);
    expectNear(found.find((f) => f.text === OTHER)!.bounds, b);
  });

  it('stops at maxCodes', () => {
    const img = blankImage(700, 400);
    drawQr(img, URI, 10, 10, { scale: 4 });
    drawQr(img, OTHER, 380, 60, { scale: 4 });
    expect(decodeQrCodes(img, { maxCodes: 1 })).toHaveLength(1);
  });

  it('finds a code inside a 2560x1600 screenshot with text-like noise', () => {
    const img = screenshotLike(2560, 1600, 11);
    const box = drawQr(img, URI, 1900, 1100, { scale: 6 });
    const found = decodeQrCodes(img);
    expect(found.map((f) => f.text)).toEqual([URI]);
    expectNear(found[0]!.bounds, box);
  });

  it('finds two codes of different polarity in a large screenshot', () => {
    const img = screenshotLike(2560, 1600, 12);
    drawQr(img, URI, 200, 200, { scale: 4 });
    drawQr(img, OTHER, 1500, 900, { scale: 8, dark: [240, 240, 240], light: [20, 20, 20] });
    expect(decodeQrCodes(img).map((f) => f.text).sort()).toEqual([URI, OTHER].sort());
  });

  it('finds nothing in an image without a code', () => {
    expect(decodeQrCodes(screenshotLike(800, 600, 13))).toEqual([]);
    expect(decodeQrCodes(blankImage(50, 50))).toEqual([]);
  });

  it('skips a code whose payload is binary, not UTF-8 text', () => {
    const img = qrImage(new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28, 0x01, 0x02]));
    expect(decodeQrCodes(img)).toEqual([]);
  });

  it('keeps a binary code from hiding a text code next to it', () => {
    const img = blankImage(600, 300);
    drawQr(img, new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28]), 0, 0, { scale: 4 });
    drawQr(img, URI, 250, 0, { scale: 4 });
    expect(decodeQrCodes(img).map((f) => f.text)).toEqual([URI]);
  });

  it('decodes UTF-8 text payloads', () => {
    const text = 'otpauth://totp/Bänk:jürgen?secret=JBSWY3DPEHPK3PXP';
    expect(decodeQrCodes(qrImage(text)).map((f) => f.text)).toEqual([text]);
  });

  it('does not modify the caller pixels', () => {
    const img = blankImage(700, 400);
    drawQr(img, URI, 10, 10, { scale: 4 });
    drawQr(img, OTHER, 380, 60, { scale: 4 });
    const before = img.data.slice();
    decodeQrCodes(img);
    expect(Buffer.compare(Buffer.from(img.data), Buffer.from(before))).toBe(0);
  });

  it('rejects malformed images with RangeError', () => {
    expect(() => decodeQrCodes({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow(RangeError);
    expect(() => decodeQrCodes(blankImage(4, 4), { maxCodes: 0 })).toThrow(RangeError);
  });
});
