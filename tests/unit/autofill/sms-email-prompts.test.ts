// @vitest-environment happy-dom
/**
 * Verification pages that send their code by e-mail or SMS (#14.9), written after the markup
 * real services use (our own simplified copies, in the spellings people write): an
 * authenticator code must never go into them. What each page asks for is a person's reading.
 */
import { describe, expect, it } from 'vitest';
import { detectOtpTarget } from '@/lib/autofill/detect';
import { createFakeEnv } from './fake-env';

const at = (top: number) => `data-rect="100,${top},300,40"`;
const codeField = (attrs = '') => `<input id="code" name="code" inputmode="numeric" maxlength="6" ${attrs} ${at(300)}>`;

const EMAIL_OR_SMS_PAGES: Array<[page: string, html: string]> = [
  // The review's proof: the prompt is outside the form, the label says "e-mail".
  ['"We e-mailed a 6-digit code", label "Code from the e-mail"', `<main><h1>Check your inbox</h1><p>We e-mailed a 6-digit code to j•••@example.com. It expires in 10 minutes.</p><form><label for="code">Code from the e-mail</label>${codeField()}<button>Verify</button></form></main>`],
  ['label "Code from the E-Mail" only', `<form><label for="code">Code from the E-Mail</label>${codeField()}<button>Continue</button></form>`],
  ['label "eMail code"', `<form><label for="code">eMail code</label>${codeField('autocomplete="one-time-code"')}</form>`],
  ['placeholder "Email verification code" (strong keyword, one-time-code)', `<form>${codeField('autocomplete="one-time-code" placeholder="Email verification code"')}</form>`],
  ['name="emailOtp"', `<form><input id="code" name="emailOtp" maxlength="6" inputmode="numeric" ${at(300)}><button>Verify</button></form>`],
  ['German: prompt above the form, "Code aus der Mail"', `<section><h2>Bestätigen Sie Ihre Anmeldung</h2><p>Wir haben Ihnen eine Nachricht geschickt.</p></section><form><label for="code">Bestätigungscode aus der Mail</label>${codeField()}</form>`],
  ['German: placeholder "Code aus Ihrer E-Mail"', `<form>${codeField('placeholder="Code aus Ihrer E-Mail"')}<button>Weiter</button></form>`],
  ['French: "Saisissez le code reçu par courriel"', `<div><h1>Vérification</h1><p>Saisissez le code reçu par courriel.</p></div><form><label for="code">Code de vérification</label>${codeField()}</form>`],
  ['Spanish: "código que recibiste en tu correo"', `<form><label for="code">Ingresa el código que recibiste en tu correo</label>${codeField()}</form>`],
  ['Spanish: "correo electrónico" in the prompt above', `<div><h1>Verifica tu identidad</h1><p>Revisa tu correo electrónico: allí está tu código.</p></div><form><label for="code">Código</label>${codeField()}</form>`],
  ['SMS: "sent to your phone" above the form', `<div class="card"><h1>Verify it's you</h1><p>Enter the code sent to your phone.</p></div><form><label for="code">Verification code</label>${codeField('autocomplete="one-time-code"')}<button>Verify</button></form>`],
  ['SMS: "we just texted a code" above the form', `<div><p>We just texted a code to (•••) •••-••12.</p></div><form><label for="code">Security code</label>${codeField()}</form>`],
  ['SMS: aria-label "SMS code"', `<form>${codeField('aria-label="SMS code" autocomplete="one-time-code"')}</form>`],
  ['SMS: "Code from the text message" with a strong keyword name', `<form><label for="code">One-time code from the text message</label><input id="code" name="otp" maxlength="6" ${at(300)}></form>`],
  ['SMS: heading "Check your messages" above the form', `<header><h1>Check your messages</h1><p>A text message with your code is on its way.</p></header><form><label for="code">Enter code</label>${codeField()}</form>`],
];

describe('codes sent by e-mail or SMS are never filled (#14.9)', () => {
  it.each(EMAIL_OR_SMS_PAGES)('offers nothing on %s', (_page, html) => {
    document.body.innerHTML = html;
    const target = detectOtpTarget(document, createFakeEnv(document));
    expect(target.kind).toBe('none');
  });

  it('still fills an authenticator prompt that mentions e-mail only as a fallback', () => {
    document.body.innerHTML = `<div><h1>Two-step verification</h1><p>Enter the 6-digit code from your authenticator app. Lost your phone? We can e-mail you a recovery link.</p></div><form><label for="code">Authentication code</label>${codeField('autocomplete="one-time-code"')}</form>`;
    const target = detectOtpTarget(document, createFakeEnv(document));
    expect(target.kind === 'single' ? target.field.id : target.kind).toBe('code');
  });

  it('still fills an authenticator form on a page whose account menu shows an e-mail address', () => {
    document.body.innerHTML = `<nav>Signed in as alice@example.com · Email settings</nav><main><form><h2>Multi-factor authentication</h2><label for="mfa">MFA code</label><input id="mfa" name="mfaCode" ${at(300)}><button>Submit</button></form></main>`;
    const target = detectOtpTarget(document, createFakeEnv(document));
    expect(target.kind === 'single' ? target.field.id : target.kind).toBe('mfa');
  });
});
