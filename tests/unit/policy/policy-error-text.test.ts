/**
 * What a person reads when a policy refuses something: the catalogue's sentence must carry what
 * the error knows (the administrator's hint, the allowed sites), never end on an empty placeholder,
 * and never blame an organisation where there is none.
 */
import { describe, expect, it } from 'vitest';
import { messageOf } from '@/lib/error-text';
import { NO_POLICY, checkPassphrase, type ManagedPolicy } from '@/lib/policy';
import { assertCaptureAllowed } from '@/lib/policy-parse';

function textOf(action: () => void): string {
  try {
    action();
  } catch (error) {
    return messageOf(error);
  }
  throw new Error('expected a refusal');
}

describe('policy refusals as people read them', () => {
  const rule: ManagedPolicy = { passphrasePattern: '\\d', passphraseHint: 'At least 12 characters, including a digit.' };

  it("names the administrator's hint when the passphrase breaks the rule", () => {
    expect(textOf(() => checkPassphrase('correct horse battery', rule))).toBe(
      "This passphrase does not follow your organisation's rule: At least 12 characters, including a digit.",
    );
  });

  it('says to ask the administrator when the rule comes without a hint', () => {
    expect(textOf(() => checkPassphrase('correct horse battery', { passphrasePattern: '\\d' }))).toBe(
      "This passphrase does not follow your organisation's rule. Ask your administrator what it requires.",
    );
  });

  it('does not speak of an organisation for the built-in minimum length', () => {
    expect(textOf(() => checkPassphrase('short', NO_POLICY))).toBe('The passphrase must have at least 8 characters.');
  });

  it('lists the sites where scanning is allowed, joined in the language', () => {
    expect(textOf(() => assertCaptureAllowed('https://shop.test/enrol', { captureAllowedDomains: ['acme.test', 'corp.test'] }))).toBe(
      'Your organisation allows scanning QR codes only on acme.test and corp.test. shop.test is not one of them, so Tessera did not scan it.',
    );
  });

  it('says scanning is allowed nowhere when the list is empty', () => {
    expect(textOf(() => assertCaptureAllowed('https://shop.test/enrol', { captureAllowedDomains: [] }))).toBe(
      'Your organisation does not allow scanning QR codes on any site, so Tessera did not scan shop.test.',
    );
  });
});
