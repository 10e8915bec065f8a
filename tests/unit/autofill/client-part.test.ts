// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { detectClientPartField, fillClientPart, type ClientPartTarget } from '@/lib/autofill/client-part';
import { createFakeEnv } from './fake-env';

const at = (top: number) => `data-rect="100,${top},240,36"`;

function detect(html: string): ClientPartTarget {
  document.body.innerHTML = html;
  return detectClientPartField(document, createFakeEnv(document));
}

const idOf = (t: ClientPartTarget) => (t.kind === 'single' ? t.field.id : undefined);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('detectClientPartField', () => {
  it.each([
    ['a label "Client part"', `<label for="x">Client part</label><input id="x" ${at(200)}>`],
    ['name="clientpart"', `<input id="x" name="clientpart" ${at(200)}>`],
    ['placeholder "Phone part"', `<input id="x" placeholder="Phone part from your app" ${at(200)}>`],
    ['an aria-label "2step client component"', `<input id="x" aria-label="2step client component" ${at(200)}>`],
    ['camelCase id clientComponent', `<input id="x" name="clientComponent" ${at(200)}>`],
  ])('finds the field named for it by %s, among other empty text fields', (_name, field) => {
    const target = detect(`<input id="desc" name="description" ${at(100)}>${field}<input id="email" type="email" ${at(300)}>`);
    expect(idOf(target)).toBe('x');
  });

  it('takes the single visible empty text field when none is named for it', () => {
    expect(idOf(detect(`<input id="x" ${at(100)}><input id="y" value="filled" ${at(200)}><input type="hidden" name="clientpart">`))).toBe('x');
  });

  it('fills nothing with several unnamed empty fields, and says why', () => {
    expect(detect(`<input id="a" ${at(100)}><input id="b" ${at(200)}>`)).toMatchObject({ kind: 'ambiguous', candidates: 2 });
  });

  it('fills nothing with two fields named for it', () => {
    expect(detect(`<input name="clientpart" ${at(100)}><input placeholder="Phone part" ${at(200)}>`)).toMatchObject({ kind: 'ambiguous' });
  });

  it('ignores hidden, transparent, disabled and non-text fields', () => {
    const target = detect(
      `<input name="clientpart" style="display:none" ${at(100)}>` +
        `<input name="clientpart" style="opacity:0" ${at(150)}>` +
        `<input name="clientpart" disabled ${at(200)}>` +
        `<input name="clientpart" type="password" ${at(250)}>`,
    );
    expect(target).toEqual({ kind: 'none', reason: 'no-candidates' });
  });
});

describe('fillClientPart', () => {
  it('fills the phone part and lets the page see an input event', () => {
    const target = detect(`<input id="x" name="clientpart" ${at(200)}>`);
    if (target.kind !== 'single') throw new Error('not found');
    const seen: string[] = [];
    target.field.addEventListener('input', () => seen.push(target.field.value));
    expect(fillClientPart(target.field, 'UXJQGBW34BQ5YO6H2T5A', createFakeEnv(document))).toEqual({ filled: true, fields: 1, submitted: false });
    expect(seen).toEqual(['UXJQGBW34BQ5YO6H2T5A']);
  });

  it('leaves a field the user typed into alone', () => {
    const target = detect(`<input id="x" name="clientpart" ${at(200)}>`);
    if (target.kind !== 'single') throw new Error('not found');
    target.field.value = 'ABCD';
    expect(fillClientPart(target.field, 'UXJQGBW34BQ5YO6H2T5A', createFakeEnv(document))).toEqual({ filled: false, reason: 'field-not-empty' });
    expect(target.field.value).toBe('ABCD');
  });

  it('refuses a field that was hidden since detection', () => {
    const target = detect(`<input id="x" name="clientpart" ${at(200)}>`);
    if (target.kind !== 'single') throw new Error('not found');
    target.field.style.display = 'none';
    expect(fillClientPart(target.field, 'UXJQGBW34BQ5YO6H2T5A', createFakeEnv(document))).toEqual({ filled: false, reason: 'field-hidden' });
  });

  it('accepts only base32 text (never a code or anything else)', () => {
    const target = detect(`<input id="x" name="clientpart" ${at(200)}>`);
    if (target.kind !== 'single') throw new Error('not found');
    expect(() => fillClientPart(target.field, 'hello world!', createFakeEnv(document))).toThrow(RangeError);
  });
});
