// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldRefusals, isClickTrustworthy, plainTransform, type ClickLike } from '@/lib/autofill/in-page-guard';
import { detectOtpTarget } from '@/lib/autofill/detect';
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

describe('isClickTrustworthy, in-page button additions', () => {
  /** The fake env with computed transforms read from `data-transform` (happy-dom computes none). */
  function envWithTransforms() {
    const env = createFakeEnv(document);
    return { ...env, style: (el: Element) => ({ ...env.style(el), transform: el.getAttribute('data-transform') ?? 'none' }) };
  }

  it('checks <body> although the host hangs off <html>', () => {
    document.body.innerHTML = '';
    document.documentElement.append(host);
    document.body.style.opacity = '0.001';
    const verdict = isClickTrustworthy(click(), host, createFakeEnv(document), 0, 1000, host);
    host.remove();
    expect(verdict).toEqual({ ok: false, reasons: ['transparent'] });
  });

  it('refuses a scaled, rotated or skewed host or body, and accepts a plain move', () => {
    const env = envWithTransforms();
    document.body.setAttribute('data-transform', 'matrix(0.01, 0, 0, 0.01, 0, 0)');
    expect(isClickTrustworthy(click(), host, env, 0, 1000, host)).toEqual({ ok: false, reasons: ['transformed'] });
    document.body.setAttribute('data-transform', 'matrix(1, 0, 0, 1, -240, 12.5)');
    expect(isClickTrustworthy(click(), host, env, 0, 1000, host)).toEqual({ ok: true });
    document.body.removeAttribute('data-transform');
  });

  it('refuses when the host left the top layer or the browser reports it covered', () => {
    const env = createFakeEnv(document);
    expect(isClickTrustworthy(click(), host, env, 0, 1000, host, { inTopLayer: false })).toEqual({ ok: false, reasons: ['not-top-layer'] });
    expect(isClickTrustworthy(click(), host, env, 0, 1000, host, { visible: false })).toEqual({ ok: false, reasons: ['occluded'] });
    expect(isClickTrustworthy(click(), host, env, 0, 1000, host, { inTopLayer: true, visible: true })).toEqual({ ok: true });
  });
});

describe('plainTransform', () => {
  it('accepts none and 2D translations only', () => {
    expect(plainTransform({ transform: 'none' })).toBe(true);
    expect(plainTransform({})).toBe(true);
    expect(plainTransform({ transform: 'matrix(1, 0, 0, 1, 10, -3.5)' })).toBe(true);
    expect(plainTransform({ transform: 'matrix(0.5, 0, 0, 0.5, 0, 0)' })).toBe(false);
    expect(plainTransform({ transform: 'matrix(1, 0.2, 0, 1, 0, 0)' })).toBe(false);
    expect(plainTransform({ transform: 'matrix3d(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)' })).toBe(false);
  });
});

describe('fieldRefusals', () => {
  const FIELD = '<form><p>Enter the code from your authenticator app.</p><label for="otp">Authentication code</label><input id="otp" autocomplete="one-time-code" maxlength="6" data-rect="100,100,200,36"></form>';
  let field: HTMLInputElement;
  const placed = [{ left: 100, top: 100, width: 200, height: 36 }];

  beforeEach(() => {
    document.body.innerHTML = FIELD;
    field = document.querySelector('#otp')!;
  });

  function now(env = createFakeEnv(document)) {
    return fieldRefusals([field], placed, detectOtpTarget(document, env), env);
  }

  it('accepts the same visible field where the button was placed', () => {
    expect(now()).toEqual([]);
  });

  it('refuses a field that left the page', () => {
    field.remove();
    expect(now()).toEqual(['field-gone']);
  });

  it('refuses when detection no longer picks this field alone (the page added a twin)', () => {
    field.insertAdjacentHTML('afterend', '<input id="otp2" autocomplete="one-time-code" maxlength="6" data-rect="100,150,200,36">');
    expect(now()).toEqual(['field-changed']);
  });

  it('refuses a field that moved since the button was placed', () => {
    field.setAttribute('data-rect', '220,100,200,36');
    expect(now()).toEqual(['field-moved']);
  });

  it('refuses a field that is now covered or transparent', () => {
    document.body.insertAdjacentHTML('beforeend', '<div data-rect="0,0,1280,800"></div>');
    expect(now()).toEqual(expect.arrayContaining(['field-hidden']));
  });

  it('refuses a field scaled down by an ancestor', () => {
    const env = createFakeEnv(document);
    const scaled = { ...env, style: (el: Element) => ({ ...env.style(el), transform: el.localName === 'form' ? 'matrix(0.1, 0, 0, 0.1, 0, 0)' : 'none' }) };
    expect(fieldRefusals([field], placed, detectOtpTarget(document, env), scaled)).toEqual(['field-transformed']);
  });
});
