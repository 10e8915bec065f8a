// @vitest-environment happy-dom
/**
 * Covers that hit testing looks through (#14.8): an element with `pointer-events: none` painted
 * over the code field. The browser's hit test (and `elementsFromPoint`) skips it, so the field
 * looked uncovered; the fill must refuse, on every path, since all of them ask `hiddenReason`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { detectOtpTarget } from '@/lib/autofill/detect';
import { hiddenReason } from '@/lib/autofill/env';
import { fillOtp } from '@/lib/autofill/fill';
import { createFakeEnv } from './fake-env';

const FIELD = '<label for="otp">Authentication code</label><input id="otp" name="otp" autocomplete="one-time-code" data-rect="100,100,200,40">';
const field = () => document.getElementById('otp')!;
const hidden = () => hiddenReason(field(), createFakeEnv(document), [document.querySelector('label')!]);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('covers with pointer-events: none (#14.8)', () => {
  it.each([
    ['an opaque decoy', 'background: white'],
    ['a partially transparent one', 'background: rgb(255, 255, 255); opacity: 0.4'],
    ['a nearly invisible one', 'background: white; opacity: 0.02'],
    ['text only, no background', ''],
  ])('refuses a field under %s painted after it', (_what, style) => {
    document.body.innerHTML = `<form>${FIELD}<div style="pointer-events: none; ${style}" data-pointer-events="none" data-rect="90,90,220,60">Enter your promo code</div></form>`;
    expect(hidden()).toBe('covered');
  });

  it('refuses a cover over part of the field (not its centre)', () => {
    document.body.innerHTML = `<form>${FIELD}<div style="pointer-events: none; background: white" data-pointer-events="none" data-rect="100,100,80,40"></div></form>`;
    expect(hidden()).toBe('covered');
  });

  it('refuses a positioned cover even when it comes first in the page', () => {
    document.body.innerHTML = `<div style="position: fixed; pointer-events: none; background: white" data-pointer-events="none" data-rect="0,0,1280,800"></div><form>${FIELD}</form>`;
    expect(hidden()).toBe('covered');
  });

  it('refuses the fill itself, so popup, shortcut, menu and the in-page button all stop', () => {
    document.body.innerHTML = `<form>${FIELD}</form>`;
    const env = createFakeEnv(document);
    const target = detectOtpTarget(document, env);
    expect(target.kind).toBe('single');
    document.querySelector('form')!.insertAdjacentHTML('beforeend', '<div style="pointer-events: none; background: white" data-pointer-events="none" data-rect="90,90,220,60">Promo</div>');
    expect(fillOtp(target, '287082', env)).toMatchObject({ filled: false, reason: 'field-hidden' });
    expect((field() as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['its own floating label', `<div style="position: relative"><input id="otp" name="otp" autocomplete="one-time-code" data-rect="100,100,200,40"><label for="otp" style="position: absolute; pointer-events: none" data-pointer-events="none" data-rect="110,110,120,20">Authentication code</label></div>`],
    ['a page-wide container that paints nothing (toasts)', `<form>${FIELD}</form><div style="position: fixed; pointer-events: none" data-pointer-events="none" data-rect="0,0,1280,800"><div style="pointer-events: auto" data-rect="900,700,300,60">Saved</div></div>`],
    ['an ancestor that ignores pointer events', `<form style="pointer-events: none; background: white" data-pointer-events="none" data-rect="0,0,800,400">${FIELD}</form>`],
    ['a cover that is hidden', `<form>${FIELD}<div style="pointer-events: none; background: white; visibility: hidden" data-pointer-events="none" data-rect="90,90,220,60"></div></form>`],
    ['a cover elsewhere on the page', `<form>${FIELD}<div style="pointer-events: none; background: white" data-pointer-events="none" data-rect="400,400,100,100"></div></form>`],
  ])('still fills next to %s', (_what, html) => {
    document.body.innerHTML = html;
    const labels = [...document.querySelectorAll('label')];
    expect(hiddenReason(field(), createFakeEnv(document), labels)).toBeNull();
  });
});
