// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { isClickTrustworthy, type ClickLike } from '@/lib/autofill/in-page-guard';
import { createFakeEnv } from './fake-env';

let host: HTMLElement;

function click(over: Partial<ClickLike> = {}): ClickLike {
  return { isTrusted: true, button: 0, clientX: 510, clientY: 110, target: host, ...over };
}

function check(over: Partial<ClickLike> = {}, opts: { shownAt?: number; now?: number; down?: EventTarget | null } = {}) {
  const env = createFakeEnv(document);
  return isClickTrustworthy(click(over), host, env, opts.shownAt ?? 0, opts.now ?? 1000, 'down' in opts ? opts.down! : host);
}

beforeEach(() => {
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<x-btn data-rect="500,100,20,20"></x-btn>';
  host = document.querySelector('x-btn')!;
});

describe('isClickTrustworthy', () => {
  it('accepts a trusted, settled click on the visible host', () => {
    expect(check()).toEqual({ ok: true });
  });

  it('refuses a page-dispatched click', () => {
    expect(check({ isTrusted: false })).toEqual({ ok: false, reasons: ['untrusted-event'] });
  });

  it('refuses a click within 500 ms of showing or moving', () => {
    expect(check({}, { shownAt: 700, now: 1000 })).toEqual({ ok: false, reasons: ['too-soon'] });
    expect(check({}, { shownAt: 500, now: 1000 })).toEqual({ ok: true });
  });

  it('refuses when something else is at the click point', () => {
    document.body.insertAdjacentHTML('beforeend', '<div data-rect="0,0,1280,800"></div>');
    expect(check()).toEqual({ ok: false, reasons: ['not-on-host'] });
  });

  it('refuses when pointerdown and click hit different elements', () => {
    const other = document.createElement('div');
    document.body.append(other);
    expect(check({}, { down: other })).toEqual({ ok: false, reasons: ['pointer-target-mismatch'] });
    expect(check({}, { down: null })).toEqual({ ok: false, reasons: ['pointer-target-mismatch'] });
  });

  it('refuses while another popover or dialog is open', () => {
    document.body.insertAdjacentHTML('beforeend', '<dialog open></dialog>');
    expect(check()).toEqual({ ok: false, reasons: ['other-top-layer'] });
  });

  it('refuses a near-transparent body or html, or a filter', () => {
    document.body.style.opacity = '0.001';
    expect(check()).toEqual({ ok: false, reasons: ['transparent'] });
    document.body.style.opacity = '';
    document.documentElement.style.opacity = '0.85';
    expect(check()).toEqual({ ok: false, reasons: ['transparent'] });
    document.documentElement.style.opacity = '';
    document.body.style.filter = 'opacity(0)';
    expect(check()).toEqual({ ok: false, reasons: ['filtered'] });
  });

  it('refuses a hidden host and a right-button or off-viewport click', () => {
    host.style.visibility = 'hidden';
    expect(check()).toMatchObject({ ok: false, reasons: ['host-hidden'] });
    host.style.visibility = '';
    expect(check({ button: 2 })).toEqual({ ok: false, reasons: ['not-primary-button'] });
    expect(check({ clientX: -5 })).toEqual({ ok: false, reasons: ['outside-viewport'] });
  });
});
