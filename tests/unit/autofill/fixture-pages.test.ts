// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectOtpTarget } from '@/lib/autofill/detect';
import { createFakeEnv } from './fake-env';

/** Loads a fixture's markup (scripts do not run) and lays its inputs out one per row. */
function load(name: string): Document {
  const html = readFileSync(path.resolve('tests/fixtures/site/autofill', name), 'utf8');
  document.documentElement.innerHTML = html.replace(/<!doctype html>/i, '').replace(/<script[\s\S]*?<\/script>/g, '');
  document.querySelectorAll('input').forEach((el, i) => el.setAttribute('data-rect', `100,${100 + i * 60},200,40`));
  return document;
}

describe('detectOtpTarget on the e2e fixture pages', () => {
  it.each([
    ['plain.html', 'otp'],
    ['one-time-code.html', 'code'],
    ['react-controlled.html', 'totp'],
    ['frame-login.html', 'otp'],
    ['attack-hidden-decoy.html', 'real'],
    ['ar-totp.html', 'field-7'],
  ])('%s → the field #%s', (page, id) => {
    const t = detectOtpTarget(load(page), createFakeEnv(document));
    expect(t.kind === 'single' ? t.field.id : t).toBe(id);
  });

  it.each(['sms-code.html', 'ar-sms-code.html', 'coupon.html', 'attack-field-opacity.html', 'attack-body-opacity.html'])('%s → none', (page) => {
    expect(detectOtpTarget(load(page), createFakeEnv(document)).kind).toBe('none');
  });
});
