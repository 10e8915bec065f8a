// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { backgroundUrls, findSources, plausibleBox, type Rect } from '@/lib/capture/find-sources';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
// happy-dom has no layout: every test gives the boxes it needs.
let rects: Map<Element, Rect>;
const geometry = (el: Element): Rect => rects.get(el) ?? { x: 0, y: 0, width: 0, height: 0 };
const at = (el: Element | null, x: number, y: number, width = 200, height = 200) => {
  if (!el) throw new Error('missing element');
  rects.set(el, { x, y, width, height });
};
const find = () => findSources(document, window, { geometry });

beforeEach(() => {
  rects = new Map();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  Object.defineProperty(window, 'innerWidth', { value: 1280, configurable: true });
  Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
});

describe('findSources', () => {
  it('finds an <img> by its current source, including data: URLs', () => {
    document.body.innerHTML = `<img id="a" src="${PNG}">`;
    at(document.getElementById('a'), 10, 10);
    expect(find()).toMatchObject([{ kind: 'img', url: PNG, visible: true, rect: { x: 10, y: 10, width: 200, height: 200 } }]);
  });

  it('prefers currentSrc, the candidate the browser chose from srcset', () => {
    document.body.innerHTML = `<img id="a" src="/small.png" srcset="/qr-1x.png 1x, /qr-2x.png 2x">`;
    const img = document.getElementById('a')!;
    Object.defineProperty(img, 'currentSrc', { value: 'https://site.test/qr-2x.png' });
    at(img, 10, 10);
    expect(find()).toMatchObject([{ kind: 'img', url: 'https://site.test/qr-2x.png' }]);
  });

  it('finds canvas, inline svg (outermost only) and video', () => {
    document.body.innerHTML = `<canvas id="c" width="200" height="200"></canvas>
      <svg id="s" width="100" height="100"><svg id="inner"></svg><rect width="5" height="5"/></svg>
      <video id="v"></video>`;
    at(document.getElementById('c'), 0, 0);
    at(document.getElementById('s'), 300, 0, 100, 100);
    at(document.getElementById('inner'), 300, 0, 100, 100);
    at(document.getElementById('v'), 500, 0, 320, 240);
    expect(find().map((s) => [s.kind, s.element.id])).toEqual([
      ['canvas', 'c'],
      ['svg', 's'],
      ['video', 'v'],
    ]);
  });

  it('finds CSS background images with their URLs resolved', () => {
    document.body.innerHTML = `<div id="d" style="background-image: url('/codes/qr.png')"></div>
      <div id="g" style="background-image: linear-gradient(red, blue)"></div>`;
    at(document.getElementById('d'), 0, 0);
    at(document.getElementById('g'), 0, 300);
    expect(find()).toMatchObject([{ kind: 'background', url: new URL('/codes/qr.png', document.baseURI).href }]);
  });

  it('walks into open shadow roots', () => {
    document.body.innerHTML = `<div id="host"></div>`;
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<section><img id="deep" src="${PNG}"></section>`;
    at(root.getElementById('deep'), 40, 40);
    expect(find()).toMatchObject([{ kind: 'img', element: { id: 'deep' }, visible: true }]);
  });

  it('reads a same-origin frame with rects offset by the frame position', () => {
    document.body.innerHTML = `<iframe id="f"></iframe>`;
    const frame = document.getElementById('f') as HTMLIFrameElement;
    const inner = document.implementation.createHTMLDocument('inner');
    inner.body.innerHTML = `<img id="in" src="${PNG}">`;
    Object.defineProperty(frame, 'contentDocument', { value: inner });
    Object.defineProperty(frame, 'contentWindow', {
      value: { getComputedStyle: window.getComputedStyle.bind(window), innerWidth: 600, innerHeight: 400 },
    });
    at(frame, 100, 50, 600, 400);
    at(inner.getElementById('in'), 20, 30);
    expect(find()).toMatchObject([{ kind: 'img', rect: { x: 120, y: 80, width: 200, height: 200 }, visible: true }]);
  });

  it('reports a cross-origin frame as unreadable with its rect', () => {
    document.body.innerHTML = `<iframe id="f" src="https://other.test/"></iframe>`;
    const frame = document.getElementById('f')!;
    Object.defineProperty(frame, 'contentDocument', { value: null });
    at(frame, 100, 50, 600, 400);
    expect(find()).toMatchObject([
      { kind: 'frame', unreadable: 'cross-origin', rect: { x: 100, y: 50, width: 600, height: 400 } },
    ]);
  });

  it('marks hidden and off-screen sources not visible', () => {
    document.body.innerHTML = `
      <img id="none" src="${PNG}" style="display:none">
      <div style="opacity:0.01"><img id="faded" src="${PNG}"></div>
      <div style="visibility:hidden"><img id="vh" src="${PNG}"></div>
      <img id="below" src="${PNG}">
      <img id="shown" src="${PNG}">`;
    for (const id of ['none', 'faded', 'vh']) at(document.getElementById(id), 0, 0);
    at(document.getElementById('below'), 0, 2000);
    at(document.getElementById('shown'), 0, 0);
    const byId = Object.fromEntries(find().map((s) => [s.element.id, s.visible]));
    expect(byId).toEqual({ none: false, faded: false, vh: false, below: false, shown: true });
  });

  it('skips icons and banners but keeps a QR-sized image shown small', () => {
    document.body.innerHTML = `<img id="icon" src="${PNG}"><img id="banner" src="${PNG}"><img id="qr" src="${PNG}">`;
    at(document.getElementById('icon'), 0, 0, 24, 24);
    at(document.getElementById('banner'), 0, 100, 900, 90);
    const qr = document.getElementById('qr')!;
    Object.defineProperty(qr, 'naturalWidth', { value: 180 });
    Object.defineProperty(qr, 'naturalHeight', { value: 180 });
    at(qr, 0, 300, 36, 36);
    expect(find().map((s) => s.element.id)).toEqual(['qr']);
  });

  it('ranks visible square sources before others', () => {
    document.body.innerHTML = `<img id="wide" src="${PNG}"><img id="hidden" src="${PNG}" style="opacity:0"><img id="square" src="${PNG}">`;
    at(document.getElementById('wide'), 0, 0, 400, 200);
    at(document.getElementById('hidden'), 0, 0);
    at(document.getElementById('square'), 0, 300);
    expect(find().map((s) => s.element.id)).toEqual(['square', 'wide', 'hidden']);
  });
});

describe('backgroundUrls', () => {
  it('extracts every url() layer, quoted or not', () => {
    expect(backgroundUrls(`url("a.png"), linear-gradient(red, blue), url(b.png), url('data:image/png;base64,xx')`, 'https://s.test/p/')).toEqual([
      'https://s.test/p/a.png',
      'https://s.test/p/b.png',
      'data:image/png;base64,xx',
    ]);
  });
});

describe('plausibleBox', () => {
  it('accepts square boxes of 40 px or more and rejects tiny or stretched ones', () => {
    expect(plausibleBox({ x: 0, y: 0, width: 40, height: 40 }, 0, 0)).toBe(true);
    expect(plausibleBox({ x: 0, y: 0, width: 39, height: 200 }, 0, 0)).toBe(false);
    expect(plausibleBox({ x: 0, y: 0, width: 600, height: 100 }, 0, 0)).toBe(false);
    expect(plausibleBox({ x: 0, y: 0, width: 600, height: 100 }, 300, 300)).toBe(true);
  });
});
