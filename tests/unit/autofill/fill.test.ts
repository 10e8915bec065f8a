// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { detectOtpTarget, type OtpTarget } from '@/lib/autofill/detect';
import { fillOtp } from '@/lib/autofill/fill';
import { boxes, createFakeEnv } from './fake-env';

const R = 'data-rect="100,100,200,40"';
// RFC 6238 Appendix B, SHA-1, T = 59 s: 94287082; the 6-digit form is 287082.
const CODE = '287082';

function setup(html: string): { target: OtpTarget; env: ReturnType<typeof createFakeEnv> } {
  document.body.innerHTML = html;
  const env = createFakeEnv(document);
  return { target: detectOtpTarget(document, env), env };
}

/** Imitates React's value tracker: only a value written past the instance setter counts as a change. */
function makeControlled(el: HTMLInputElement, onChange: (v: string) => void): void {
  const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  let tracked = el.value;
  Object.defineProperty(el, 'value', {
    configurable: true,
    get() {
      return proto.get!.call(this);
    },
    set(v: string) {
      tracked = String(v);
      proto.set!.call(this, v);
    },
  });
  el.addEventListener('input', () => {
    const now = proto.get!.call(el) as string;
    if (now !== tracked) {
      tracked = now;
      onChange(now);
    }
  });
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('fillOtp', () => {
  it('sets the value and fires bubbling input and change events the page sees', () => {
    const { target, env } = setup(`<form><input id="f" name="otp" ${R}></form>`);
    const seen: string[] = [];
    document.addEventListener('input', (e) => seen.push(`input:${(e.target as HTMLInputElement).value}`));
    document.addEventListener('change', (e) => seen.push(`change:${(e.target as HTMLInputElement).value}`));
    const result = fillOtp(target, CODE, env);
    expect(result).toEqual({ filled: true, fields: 1, submitted: false });
    expect(seen).toEqual([`input:${CODE}`, `change:${CODE}`]);
    expect(document.activeElement?.id).toBe('f');
  });

  it('reaches a React-style controlled input through the native setter', () => {
    const { target, env } = setup(`<input id="f" autocomplete="one-time-code" ${R}>`);
    const onChange = vi.fn();
    makeControlled(document.getElementById('f') as HTMLInputElement, onChange);
    expect(fillOtp(target, CODE, env).filled).toBe(true);
    expect(onChange).toHaveBeenCalledWith(CODE);
  });

  it('fills split boxes one digit each, with auto-advance on the page', () => {
    const { target, env } = setup(`<div aria-label="Verification code">${boxes(6, 'inputmode="numeric"')}</div>`);
    const inputs = [...document.querySelectorAll('input')];
    const received: string[] = [];
    inputs.forEach((el, i) =>
      el.addEventListener('input', () => {
        received.push(el.value);
        inputs[i + 1]?.focus();
      }),
    );
    expect(fillOtp(target, CODE, env)).toEqual({ filled: true, fields: 6, submitted: false });
    expect(inputs.map((el) => el.value).join('')).toBe(CODE);
    expect(received).toEqual(CODE.split(''));
  });

  it('falls back to a paste event when the boxes refuse per-box values', () => {
    const { target, env } = setup(`<div aria-label="Security code">${boxes(6)}</div>`);
    const inputs = [...document.querySelectorAll('input')];
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    // A widget that wipes typed values and only takes a paste, which it spreads over the boxes.
    for (const el of inputs) el.addEventListener('input', () => setter.call(el, ''));
    inputs[0]!.addEventListener('paste', (e) => {
      const text = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
      inputs.forEach((el, i) => setter.call(el, text[i] ?? ''));
      e.preventDefault();
    });
    expect(fillOtp(target, CODE, env)).toEqual({ filled: true, fields: 6, submitted: false });
    expect(inputs.map((el) => el.value).join('')).toBe(CODE);
  });

  it('reports value-rejected when neither boxes nor paste take the code', () => {
    const { target, env } = setup(`<div aria-label="Security code">${boxes(6)}</div>`);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    for (const el of document.querySelectorAll('input')) el.addEventListener('input', () => setter.call(el, ''));
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'value-rejected' });
  });

  it.each(['abc', '12', 'hello123', '1234567'])('refuses a field holding %j typed by the user', (value) => {
    const { target, env } = setup(`<input id="f" name="otp" ${R}>`);
    (document.getElementById('f') as HTMLInputElement).value = value;
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'field-not-empty' });
    expect((document.getElementById('f') as HTMLInputElement).value).toBe(value);
  });

  it('replaces an older code of the same length', () => {
    const { target, env } = setup(`<input id="f" name="otp" ${R}>`);
    (document.getElementById('f') as HTMLInputElement).value = '081804';
    expect(fillOtp(target, CODE, env).filled).toBe(true);
    expect((document.getElementById('f') as HTMLInputElement).value).toBe(CODE);
  });

  it('refuses partly typed split boxes but replaces a full older code', () => {
    const { target, env } = setup(`<div aria-label="Verification code">${boxes(6)}</div>`);
    const inputs = [...document.querySelectorAll('input')];
    inputs[0]!.value = '1';
    inputs[1]!.value = '2';
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'field-not-empty' });
    '081804'.split('').forEach((d, i) => (inputs[i]!.value = d));
    expect(fillOtp(target, CODE, env).filled).toBe(true);
    expect(inputs.map((el) => el.value).join('')).toBe(CODE);
  });

  it('refuses a split field whose box count differs from the code length', () => {
    const { target, env } = setup(`<div aria-label="Verification code">${boxes(4)}</div>`);
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'length-mismatch' });
  });

  it('re-checks the field right before writing', () => {
    let { target, env } = setup(`<input id="f" name="otp" ${R}>`);
    document.getElementById('f')!.remove();
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'field-gone' });

    ({ target, env } = setup(`<input id="f" name="otp" ${R}>`));
    document.getElementById('f')!.style.opacity = '0.01';
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'field-hidden' });

    ({ target, env } = setup(`<input id="f" name="otp" ${R}>`));
    document.body.insertAdjacentHTML('beforeend', '<div data-rect="0,0,1280,800"></div>');
    expect(fillOtp(target, CODE, env)).toEqual({ filled: false, reason: 'field-hidden' });
    expect((document.getElementById('f') as HTMLInputElement).value).toBe('');
  });

  it('does not fill none or ambiguous targets', () => {
    const env = createFakeEnv(document);
    expect(fillOtp({ kind: 'none', reason: 'no-candidates', excluded: [] }, CODE, env)).toEqual({ filled: false, reason: 'no-target' });
    expect(fillOtp({ kind: 'ambiguous', reason: 'x', candidates: 2 }, CODE, env)).toEqual({ filled: false, reason: 'ambiguous' });
  });

  it('submits only when asked, through requestSubmit', () => {
    const { target, env } = setup(`<form><input id="f" name="otp" ${R}></form>`);
    const form = document.querySelector('form')!;
    const requestSubmit = vi.spyOn(form, 'requestSubmit').mockImplementation(() => {});
    expect(fillOtp(target, CODE, env).filled).toBe(true);
    expect(requestSubmit).not.toHaveBeenCalled();
    (document.getElementById('f') as HTMLInputElement).value = '';
    expect(fillOtp(target, CODE, env, { submit: true })).toEqual({ filled: true, fields: 1, submitted: true });
    expect(requestSubmit).toHaveBeenCalledTimes(1);
  });

  it('leaves no attributes or globals behind', () => {
    const { target, env } = setup(`<input id="f" name="otp" ${R}>`);
    const el = document.getElementById('f')!;
    const attrsBefore = el.getAttributeNames();
    const globalsBefore = Object.keys(window).length;
    fillOtp(target, CODE, env);
    expect(el.getAttributeNames()).toEqual(attrsBefore);
    expect(Object.keys(window).length).toBe(globalsBefore);
  });

  it('rejects something that is not a code without echoing it', () => {
    const { target, env } = setup(`<input id="f" name="otp" ${R}>`);
    expect(() => fillOtp(target, 'JBSWY3DPEHPK3PXP', env)).toThrow(RangeError);
    expect(() => fillOtp(target, 'JBSWY3DPEHPK3PXP', env)).not.toThrow(/JBSWY/);
  });
});
