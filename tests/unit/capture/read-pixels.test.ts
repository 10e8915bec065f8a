// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureSource } from '@/lib/capture/find-sources';
import { drawableUrl, MAX_READ_SIDE, readPixels, serializeSvg } from '@/lib/capture/read-pixels';

const rect = { x: 10, y: 20, width: 100, height: 100 };

/** A canvas double: records what was drawn, and can refuse like a tainted canvas. */
function fakeCanvasFactory(options: { tainted?: boolean } = {}) {
  const drawn: Array<{ image: unknown; w: number; h: number }> = [];
  const sizes: Array<[number, number]> = [];
  const createCanvas = (width: number, height: number) => {
    sizes.push([width, height]);
    const canvas = {
      width,
      height,
      getContext: () => ({
        imageSmoothingEnabled: true,
        drawImage: (image: unknown, _x: number, _y: number, w: number, h: number) => drawn.push({ image, w, h }),
        getImageData: (_x: number, _y: number, w: number, h: number) => {
          if (options.tainted) throw new DOMException('The canvas has been tainted', 'SecurityError');
          return { data: new Uint8ClampedArray(w * h * 4).fill(255), width: w, height: h };
        },
      }),
    };
    return canvas as unknown as HTMLCanvasElement;
  };
  return { createCanvas, drawn, sizes };
}

function imgSource(natural: [number, number]): CaptureSource & { kind: 'img' } {
  const img = document.createElement('img');
  img.src = 'https://site.test/qr.png';
  Object.defineProperty(img, 'naturalWidth', { value: natural[0] });
  Object.defineProperty(img, 'naturalHeight', { value: natural[1] });
  Object.defineProperty(img, 'complete', { value: true });
  return { kind: 'img', element: img, url: img.src, rect, visible: true };
}

beforeEach(() => {
  document.body.innerHTML = '<p>page</p>';
});

describe('readPixels', () => {
  it('draws the page’s own loaded <img> at natural size, with no new image or request', async () => {
    const { createCanvas, drawn } = fakeCanvasFactory();
    const loadImage = vi.fn();
    const source = imgSource([180, 180]);
    const result = await readPixels(source, { createCanvas, loadImage });
    expect(result).toMatchObject({ status: 'ok', pixels: { width: 180, height: 180 }, rect });
    expect(drawn).toEqual([{ image: source.element, w: 180, h: 180 }]);
    expect(loadImage).not.toHaveBeenCalled();
  });

  it('caps very large images', async () => {
    const { createCanvas, sizes } = fakeCanvasFactory();
    await readPixels(imgSource([8000, 4000]), { createCanvas });
    expect(sizes).toEqual([[MAX_READ_SIDE, MAX_READ_SIDE / 2]]);
  });

  it('reports a tainted (cross-origin) image as unreadable with its rect', async () => {
    const { createCanvas } = fakeCanvasFactory({ tainted: true });
    expect(await readPixels(imgSource([180, 180]), { createCanvas })).toEqual({
      status: 'unreadable',
      reason: 'cross-origin',
      rect,
    });
  });

  it('reports an image that has not loaded', async () => {
    const { createCanvas } = fakeCanvasFactory();
    const source = imgSource([0, 0]);
    Object.defineProperty(source.element, 'decode', { value: () => Promise.reject(new Error('x')) });
    expect(await readPixels(source, { createCanvas })).toMatchObject({ status: 'unreadable', reason: 'not-loaded' });
  });

  it('draws a page canvas through drawImage', async () => {
    const { createCanvas, drawn } = fakeCanvasFactory();
    const c = document.createElement('canvas');
    c.width = 120;
    c.height = 120;
    const r = await readPixels({ kind: 'canvas', element: c, rect, visible: true }, { createCanvas });
    expect(r).toMatchObject({ status: 'ok', pixels: { width: 120, height: 120 } });
    expect(drawn[0]!.image).toBe(c);
  });

  it('never loads a cross-origin background image', async () => {
    const { createCanvas } = fakeCanvasFactory();
    const loadImage = vi.fn();
    const div = document.createElement('div');
    const r = await readPixels(
      { kind: 'background', element: div, url: 'https://cdn.test/qr.png', rect, visible: true },
      { createCanvas, loadImage, pageOrigin: 'https://site.test' },
    );
    expect(r).toEqual({ status: 'unreadable', reason: 'cross-origin', rect });
    expect(loadImage).not.toHaveBeenCalled();
  });

  it('leaves a same-origin http(s) background to the screenshot unless allowed to load it', async () => {
    const loadImage = vi.fn();
    const r = await readPixels(
      { kind: 'background', element: document.createElement('div'), url: 'https://site.test/qr.png', rect, visible: true },
      { createCanvas: fakeCanvasFactory().createCanvas, loadImage, pageOrigin: 'https://site.test' },
    );
    expect(r).toEqual({ status: 'unreadable', reason: 'would-fetch', rect });
    expect(loadImage).not.toHaveBeenCalled();
  });

  it('draws a data: background without any network', async () => {
    const bitmap = { width: 50, height: 50 } as unknown as ImageBitmap;
    const loadImage = vi.fn(async () => bitmap);
    const url = 'data:image/png;base64,iVBORw0KGgo=';
    const r = await readPixels(
      { kind: 'background', element: document.createElement('div'), url, rect, visible: true },
      { createCanvas: fakeCanvasFactory().createCanvas, loadImage, pageOrigin: 'https://site.test' },
    );
    expect(loadImage).toHaveBeenCalledWith(url);
    expect(r).toMatchObject({ status: 'ok', pixels: { width: 50, height: 50 } });
  });

  it('loads a same-origin background image and draws it when allowed', async () => {
    const { createCanvas, drawn } = fakeCanvasFactory();
    const bitmap = { width: 90, height: 90 } as unknown as ImageBitmap;
    const loadImage = vi.fn(async () => bitmap);
    const r = await readPixels(
      { kind: 'background', element: document.createElement('div'), url: 'https://site.test/qr.png', rect, visible: true },
      { createCanvas, loadImage, pageOrigin: 'https://site.test', loadSameOriginBackgrounds: true },
    );
    expect(loadImage).toHaveBeenCalledWith('https://site.test/qr.png');
    expect(r).toMatchObject({ status: 'ok', pixels: { width: 90, height: 90 } });
    expect(drawn[0]!.image).toBe(bitmap);
  });

  it('rasterises inline SVG from a standalone copy and leaves the page untouched', async () => {
    document.body.innerHTML = `<style>.on { fill: #123456 }</style>
      <svg id="s" width="29" height="29"><rect class="on" x="1" y="1" width="7" height="7"/></svg>`;
    const svg = document.getElementById('s') as unknown as SVGSVGElement;
    const before = document.documentElement.outerHTML;
    const globalsBefore = Object.keys(window).length;
    const { createCanvas } = fakeCanvasFactory();
    const loadSvg = vi.fn(async () => ({ width: 256, height: 256 }) as unknown as ImageBitmap);
    const r = await readPixels({ kind: 'svg', element: svg, rect, visible: true }, { createCanvas, loadSvg });
    expect(r).toMatchObject({ status: 'ok', pixels: { width: 256, height: 256 } });
    const [markup, w, h] = loadSvg.mock.calls[0] as unknown as [string, number, number];
    expect([w, h]).toEqual([256, 256]);
    expect(markup).toContain('viewBox="0 0 29 29"');
    expect(markup).toContain('width="256"');
    expect(markup).toMatch(/fill:\s*(#123456|rgb\(18, 52, 86\))/);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(Object.keys(window).length).toBe(globalsBefore);
  });

  it('reports an SVG that will not load as unreadable', async () => {
    document.body.innerHTML = `<svg id="s" width="50" height="50"></svg>`;
    const svg = document.getElementById('s') as unknown as SVGSVGElement;
    const r = await readPixels(
      { kind: 'svg', element: svg, rect, visible: true },
      { createCanvas: fakeCanvasFactory().createCanvas, loadSvg: () => Promise.reject(new Error('csp')) },
    );
    expect(r).toEqual({ status: 'unreadable', reason: 'svg-unrenderable', rect });
  });

  it('reports a cross-origin frame as unreadable', async () => {
    const frame = document.createElement('iframe');
    const r = await readPixels({ kind: 'frame', element: frame, rect, visible: true, unreadable: 'cross-origin' });
    expect(r).toEqual({ status: 'unreadable', reason: 'cross-origin', rect });
  });
});

describe('drawableUrl', () => {
  it('allows same-origin, data: and blob: URLs only', () => {
    expect(drawableUrl('https://site.test/a.png', 'https://site.test')).toBe(true);
    expect(drawableUrl('data:image/png;base64,xx', 'https://site.test')).toBe(true);
    expect(drawableUrl('blob:https://site.test/123', 'https://site.test')).toBe(true);
    expect(drawableUrl('https://cdn.test/a.png', 'https://site.test')).toBe(false);
    expect(drawableUrl('http://site.test/a.png', 'https://site.test')).toBe(false);
  });
});

describe('serializeSvg', () => {
  it('keeps an existing viewBox and adds the svg namespace', () => {
    document.body.innerHTML = `<svg id="s" viewBox="0 0 10 10" width="100%"><rect width="1" height="1"/></svg>`;
    const markup = serializeSvg(document.getElementById('s') as unknown as SVGSVGElement, 300, 300);
    expect(markup).toContain('viewBox="0 0 10 10"');
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
  });
});
