// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { detectOtpTarget, type OtpTarget } from '@/lib/autofill/detect';
import { boxes, createFakeEnv } from './fake-env';

const R = 'data-rect="100,100,200,40"';
const R2 = 'data-rect="100,200,200,40"';

function detect(html: string): OtpTarget {
  document.body.innerHTML = html;
  return detectOtpTarget(document, createFakeEnv(document));
}

function fieldId(t: OtpTarget): string | undefined {
  return t.kind === 'single' ? t.field.id : undefined;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('detectOtpTarget', () => {
  it('finds a plain field named otp', () => {
    const t = detect(`<form><input id="u" name="username" data-rect="100,40,200,40"><input id="f" name="otp" ${R}></form>`);
    expect(fieldId(t)).toBe('f');
  });

  it('finds autocomplete=one-time-code with high confidence and says why', () => {
    const t = detect(`<input id="f" autocomplete="one-time-code" ${R}>`);
    expect(t.kind).toBe('single');
    if (t.kind !== 'single') return;
    expect(t.confidence).toBe('high');
    expect(t.why).toContain('autocomplete=one-time-code');
  });

  it('finds a numeric field of length 6 with no name', () => {
    expect(fieldId(detect(`<input id="f" inputmode="numeric" maxlength="6" ${R}>`))).toBe('f');
  });

  it.each([
    ['<label for="f">Bestätigungscode</label>', 'de'],
    ['<label for="f">Código de verificación</label>', 'es'],
    ['<label for="f">Code de vérification</label>', 'fr'],
    ['<label for="f">Codice di verifica</label>', 'it'],
    ['<label for="f">Verificatiecode</label>', 'nl'],
    ['<label for="f">Kod weryfikacyjny</label>', 'pl'],
    ['<label for="f">認証コード</label>', 'ja'],
    ['<label for="f">验证码</label>', 'zh'],
    ['<label for="f">Код подтверждения</label>', 'ru'],
    ['<span id="lbl">Two-factor authentication code</span>', 'aria-labelledby'],
  ])('reads the label %s (%s)', (label) => {
    const t = detect(`<div>${label}<input id="f" aria-labelledby="lbl" ${R}></div>`);
    expect(fieldId(t)).toBe('f');
  });

  it.each([4, 6, 8])('finds a split field of %i boxes in visual order', (n) => {
    // Written right-to-left in the markup order reversed by position: visual order must win.
    document.body.innerHTML = `<form aria-label="Verification code"><div id="row">${boxes(n, 'inputmode="numeric"')}</div></form>`;
    const inputs = [...document.querySelectorAll('input')];
    inputs.forEach((el, i) => el.setAttribute('data-rect', `${100 + (n - 1 - i) * 50},100,40,40`));
    const t = detectOtpTarget(document, createFakeEnv(document));
    expect(t.kind).toBe('split');
    if (t.kind !== 'split') return;
    expect(t.fields).toEqual([...inputs].reverse());
  });

  it('ignores rows of 3 or 9 boxes', () => {
    expect(detect(`<div>${boxes(3)}</div>`).kind).toBe('none');
    expect(detect(`<div>${boxes(9)}</div>`).kind).toBe('none');
  });

  it('finds a field inside an open shadow root', () => {
    document.body.innerHTML = '<otp-widget></otp-widget>';
    const host = document.querySelector('otp-widget')!;
    host.attachShadow({ mode: 'open' }).innerHTML = `<input id="f" name="totp" ${R}>`;
    const t = detectOtpTarget(document, createFakeEnv(document));
    expect(fieldId(t)).toBe('f');
  });

  it('refuses an SMS code prompt', () => {
    const t = detect(`<form><p>We sent a text message with a code to +1 555 0100.</p><input autocomplete="one-time-code" ${R}></form>`);
    expect(t).toMatchObject({ kind: 'none', reason: 'all-excluded', excluded: ['code sent by SMS or e-mail'] });
  });

  it('refuses an e-mail code prompt', () => {
    expect(detect(`<form><p>Check your email for the code.</p><input name="code" ${R}></form>`).kind).toBe('none');
  });

  it('accepts a prompt that offers SMS but asks for the authenticator app', () => {
    const t = detect(`<form><p>Enter the code from your authenticator app.</p><a>Send an SMS instead</a><input id="f" name="code" ${R}></form>`);
    expect(fieldId(t)).toBe('f');
  });

  it.each(['Use your code generator app to generate a code.', 'Enter the token shown in Authy.'])(
    'counts "%s" as an authenticator prompt',
    (prompt) => {
      const t = detect(`<form><p>${prompt}</p><input id="f" name="text" aria-label="Enter code" ${R}></form>`);
      expect(fieldId(t)).toBe('f');
      expect(t.kind === 'single' && t.why).toContain('page mentions an authenticator app');
    },
  );

  it.each([
    ['name="coupon_code"', 'coupon'],
    ['placeholder="Promo code"', 'coupon'],
    ['name="postcode" inputmode="numeric" maxlength="6"', 'postal'],
    ['name="zip_code"', 'postal'],
    ['autocomplete="cc-csc" name="security-code"', 'autocomplete'],
    ['name="cvv" maxlength="4"', 'card'],
    ['name="q" placeholder="Search code"', 'search'],
    ['name="captcha_code"', 'captcha'],
  ])('refuses %s (%s)', (attrs) => {
    expect(detect(`<form><input ${attrs} ${R}></form>`).kind).toBe('none');
  });

  it('refuses a password field unless it is marked one-time-code or named for one (masked code fields)', () => {
    expect(detect(`<input type="password" name="password" ${R}>`).kind).toBe('none');
    expect(detect(`<label for="p">Verification code</label><input id="p" type="password" name="pwd" ${R}>`).kind).toBe('none');
    expect(detect(`<input id="f" type="password" autocomplete="one-time-code" ${R}>`).kind).toBe('single');
    expect(fieldId(detect(`<input id="f" type="password" name="ctl00$otpCode" maxlength="6" ${R}>`))).toBe('f');
  });

  it.each([
    ['type="hidden"', ''],
    ['hidden', ''],
    ['disabled', ''],
    ['readonly', ''],
    ['', 'display:none'],
    ['', 'visibility:hidden'],
    ['', 'opacity:0.5'],
    ['', 'opacity:0.001'],
    ['', 'filter:blur(1px)'],
  ])('refuses a field that is %s %s', (attrs, style) => {
    expect(detect(`<input name="otp" ${attrs} style="${style}" ${R}>`).kind).toBe('none');
  });

  it('refuses a field under a near-transparent or filtered ancestor', () => {
    expect(detect(`<div style="opacity:0.8"><input name="otp" ${R}></div>`).kind).toBe('none');
    expect(detect(`<div style="opacity:0.95"><div style="opacity:0.9"><input name="otp" ${R}></div></div>`).kind).toBe('none');
    expect(detect(`<div style="display:none"><input name="otp" ${R}></div>`).kind).toBe('none');
    document.body.innerHTML = `<input name="otp" ${R}>`;
    document.body.style.opacity = '0.01';
    const t = detectOtpTarget(document, createFakeEnv(document));
    document.body.style.opacity = '';
    expect(t.kind).toBe('none');
  });

  it('refuses off-screen, zero-size and covered fields', () => {
    expect(detect(`<input name="otp" data-rect="-9999,100,200,40">`).kind).toBe('none');
    expect(detect(`<input name="otp" data-rect="100,100,0,0">`).kind).toBe('none');
    expect(detect(`<input name="otp" data-rect="100,100,1,1">`).kind).toBe('none');
    expect(detect(`<input name="otp" ${R}><div data-rect="0,0,1280,800"></div>`)).toMatchObject({
      kind: 'none',
      excluded: ['covered field'],
    });
  });

  it('takes a field below the fold of a long page, but never one outside the page', () => {
    document.body.innerHTML = `<label for="f">Authentication code</label><input id="f" name="otp" data-rect="100,1500,200,40">`;
    const longPage = { ...createFakeEnv(document), documentHeight: () => 3000 };
    expect(detectOtpTarget(document, longPage)).toMatchObject({ kind: 'single' });
    // Without a document below the fold (or left of the page), it stays off-screen.
    expect(detectOtpTarget(document, createFakeEnv(document))).toMatchObject({ kind: 'none' });
    document.body.innerHTML = `<input id="f" name="otp" data-rect="-9999,1500,200,40">`;
    expect(detectOtpTarget(document, longPage)).toMatchObject({ kind: 'none' });
  });

  it('refuses a field under a click-through top-layer popover', () => {
    // pointer-events:none hides the popover from hit testing; its box still covers the field.
    expect(
      detect(`<input name="otp" ${R}><div data-popover-open data-pointer-events="none" data-rect="0,0,1280,800"></div>`),
    ).toMatchObject({ kind: 'none', excluded: ['covered field'] });
    expect(fieldId(detect(`<input id="f" name="otp" ${R}><div data-popover-open data-rect="900,0,100,50"></div>`))).toBe('f');
  });

  it('lets a label sit over the field (floating labels)', () => {
    expect(fieldId(detect(`<label for="f" data-rect="110,105,80,30">Authentication code</label><input id="f" ${R}>`))).toBe('f');
    expect(fieldId(detect(`<input id="f" name="otp" ${R}><label for="f" data-rect="110,105,80,30">Code</label>`))).toBe('f');
  });

  it('picks the visible field over a hidden decoy', () => {
    const t = detect(
      `<input id="decoy" name="otp" autocomplete="one-time-code" style="opacity:0" data-rect="100,300,200,40">` +
        `<input id="real" name="code" ${R}>`,
    );
    expect(fieldId(t)).toBe('real');
  });

  it('prefers a one-time-code field over a weaker code field', () => {
    const t = detect(`<input id="weak" name="token" ${R2}><input id="f" autocomplete="one-time-code" ${R}>`);
    expect(fieldId(t)).toBe('f');
  });

  it('refuses to choose between equal fields', () => {
    const t = detect(`<input name="otp" ${R}><input name="otp" ${R2}>`);
    expect(t).toMatchObject({ kind: 'ambiguous', candidates: 2 });
  });

  it('says none on a login page with no code field', () => {
    const t = detect(`<form><input name="username" ${R}><input type="password" name="password" ${R2}></form>`);
    expect(t).toEqual({ kind: 'none', reason: 'no-candidates', excluded: [] });
  });

  it('refuses split boxes when one box is hidden', () => {
    document.body.innerHTML = `<div aria-label="Security code">${boxes(6)}</div>`;
    document.querySelectorAll('input')[2]!.style.opacity = '0';
    expect(detectOtpTarget(document, createFakeEnv(document)).kind).toBe('none');
  });
});
