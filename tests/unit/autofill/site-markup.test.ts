// @vitest-environment happy-dom
/**
 * 2FA prompts written after the markup of well-known sites (simplified, our own copies): what
 * each should get is a person's reading of the page, not the detector's output.
 */
import { describe, expect, it } from 'vitest';
import { detectOtpTarget } from '@/lib/autofill/detect';
import { boxes, createFakeEnv } from './fake-env';

const at = (top: number) => `data-rect="100,${top},300,40"`;

const SHOULD_FILL: Array<[site: string, html: string, field: string]> = [
  ['a code forge (one-time-code, hex recovery pattern)', `<h1>Two-factor authentication</h1><form><label for="app_totp">Authentication code</label><input type="text" name="app_otp" id="app_totp" autocomplete="one-time-code" inputmode="numeric" pattern="([0-9]{6})|([0-9a-fA-F]{5}-?[0-9a-fA-F]{5})" ${at(200)}><button>Verify</button></form>`, 'app_totp'],
  ['a search giant (type=tel, aria-label only)', `<h1>2-Step Verification</h1><p>Get a verification code from the Google Authenticator app</p><input type="tel" name="totpPin" id="totpPin" autocomplete="off" aria-label="Enter code" ${at(200)}><input type="checkbox" id="trust" ${at(260)}><label for="trust">Don't ask again on this computer</label>`, 'totpPin'],
  ['a cloud console (MFA code)', `<form><h2>Multi-factor authentication</h2><label for="mfaCode">MFA code</label><input name="mfaCode" id="mfaCode" type="text" autocomplete="off" ${at(200)}><button>Submit</button></form>`, 'mfaCode'],
  ['an office suite (placeholder "Code", maxlength 8)', `<form><div role="heading">Enter code</div><div>Enter the code displayed in the authenticator app on your mobile device</div><input name="otc" type="tel" id="otc" autocomplete="off" placeholder="Code" aria-label="Code" maxlength="8" ${at(200)}><input type="checkbox" id="remember" ${at(260)}><label for="remember">Don't ask again for 90 days</label></form>`, 'otc'],
  ['an identity provider (dotted name, label only)', `<form><h2>Verify with Google Authenticator</h2><label for="input56">Enter code</label><input type="text" name="credentials.passcode" id="input56" autocomplete="off" ${at(200)}></form>`, 'input56'],
  ['a social network (name="text", label wraps the input)', `<div><h1>Enter your verification code</h1><div>Use your code generator app to generate a code and enter it below.</div><label><span>Enter code</span><input autocomplete="on" inputmode="text" name="text" id="text" type="text" ${at(200)}></label></div>`, 'text'],
  ['a registrar (masked field named otpCode)', `<form><h2>Enter your TOTP code</h2><input id="n" name="ctl00$otpCode" type="password" maxlength="6" ${at(200)}></form>`, 'n'],
];

const SHOULD_NOT_FILL: Array<[site: string, html: string]> = [
  ['a payment site sending an SMS', `<form><h1>Confirm it's you</h1><p>We sent a code to your mobile ••• 1234.</p><label for="otp">Enter your code</label><input id="otp" name="otpCode" inputmode="numeric" maxlength="6" ${at(200)}></form>`],
  ['a shop e-mailing a code', `<form><h1>Check your email</h1><p>We've sent a 6-digit verification code to a****@example.com</p><input id="c" name="code" autocomplete="one-time-code" ${at(200)}></form>`],
  ['a login form (password only)', `<form><input name="username" ${at(100)}><input type="password" name="password" ${at(160)}></form>`],
];

describe('2FA prompts modelled on real sites', () => {
  it.each(SHOULD_FILL)('fills %s', (_site, html, field) => {
    document.body.innerHTML = html;
    const target = detectOtpTarget(document, createFakeEnv(document));
    expect(target.kind === 'single' ? target.field.id : target.kind).toBe(field);
  });

  it('fills a six-box code from a file-sync service', () => {
    document.body.innerHTML = `<form aria-label="Enter code"><h2>Enter the 6-digit code from your authenticator app</h2><div>${boxes(6, 'inputmode="numeric" type="text"')}</div></form>`;
    const target = detectOtpTarget(document, createFakeEnv(document));
    expect(target.kind === 'split' ? target.fields.length : target.kind).toBe(6);
  });

  it.each(SHOULD_NOT_FILL)('offers nothing on %s', (_site, html) => {
    document.body.innerHTML = html;
    expect(detectOtpTarget(document, createFakeEnv(document)).kind).toBe('none');
  });
});
