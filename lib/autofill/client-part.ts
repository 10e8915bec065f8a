/**
 * Owns finding the field of a privacyIDEA two-step enrollment page that takes the phone part
 * ("client part") and filling it there: a field named for it, else the page's one visible empty
 * text box; several candidates fill nothing. Pure DOM functions, like `detect.ts`.
 */
import { composedChain, hiddenReason, type DomEnv } from './env';
import { collectInputs, describeField, labelsOf, normaliseText } from './detect';

export type ClientPartTarget =
  | { kind: 'single'; field: HTMLInputElement; why: string }
  | { kind: 'none'; reason: 'no-candidates' }
  | { kind: 'ambiguous'; reason: string; candidates: number };

export type ClientPartFillResult =
  | { filled: true; fields: 1; submitted: false }
  | { filled: false; reason: 'field-gone' | 'field-hidden' | 'field-not-editable' | 'field-not-empty' | 'value-rejected' };

// Whole phrases on normalised text ("clientPart", "client_part" → "client part").
const PHRASES = ['client part', 'client component', 'clientpart', 'clientcomponent', 'phone part', 'phonepart', '2step', '2 step', 'two step', 'second step'];

/** The phone part: privacyIDEA's base32check alphabet, spaces allowed between groups. */
const PHONE_PART = /^[A-Z2-7]{4,}(?: [A-Z2-7]{1,4})*$/;

function textual(el: HTMLInputElement): boolean {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type !== '' && type !== 'text') return false;
  if (el.disabled || el.readOnly || el.hidden) return false;
  return !composedChain(el).some((a) => a.localName === 'fieldset' && a.hasAttribute('disabled'));
}

function namedFor(el: HTMLInputElement): string | null {
  const words = ` ${normaliseText(describeField(el)).words} `;
  return PHRASES.find((phrase) => words.includes(` ${phrase} `)) ?? null;
}

/**
 * The one field that takes the phone part. Only visible, editable text inputs count (a field
 * below the fold is a candidate; the fill scrolls to it and checks again).
 */
export function detectClientPartField(root: Document | ShadowRoot | Element, env: DomEnv): ClientPartTarget {
  const visible = collectInputs(root).filter(
    (el) => textual(el) && hiddenReason(el, env, labelsOf(el), { belowFoldOk: true }) === null,
  );
  const named = visible.flatMap((el) => {
    const phrase = namedFor(el);
    return phrase ? [{ el, phrase }] : [];
  });
  if (named.length === 1) return { kind: 'single', field: named[0]!.el, why: `named "${named[0]!.phrase}"` };
  if (named.length > 1) {
    return { kind: 'ambiguous', reason: 'Several fields are named for the client part.', candidates: named.length };
  }
  const empty = visible.filter((el) => el.value === '');
  if (empty.length === 1) return { kind: 'single', field: empty[0]!, why: 'the only empty text field' };
  if (empty.length > 1) {
    return { kind: 'ambiguous', reason: 'Several empty text fields and none is named for the client part.', candidates: empty.length };
  }
  return { kind: 'none', reason: 'no-candidates' };
}

function setValue(el: HTMLInputElement, value: string): void {
  const win = el.ownerDocument.defaultView;
  // The prototype's setter, so frameworks that track `value` on the element see the change.
  const proto = win?.HTMLInputElement.prototype ?? HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (!setter) throw new TypeError('HTMLInputElement has no value setter');
  el.focus();
  setter.call(el, value);
  el.dispatchEvent(new (win?.InputEvent ?? InputEvent)('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  el.dispatchEvent(new (win?.Event ?? Event)('change', { bubbles: true }));
}

/** Fills the phone part, re-checking right before writing that the field is there, visible and empty. */
export function fillClientPart(field: HTMLInputElement, phonePart: string, env: DomEnv): ClientPartFillResult {
  if (typeof phonePart !== 'string' || !PHONE_PART.test(phonePart)) {
    throw new RangeError('phonePart must be base32 text in groups');
  }
  if (!field.isConnected) return { filled: false, reason: 'field-gone' };
  if (!textual(field)) return { filled: false, reason: 'field-not-editable' };
  if (hiddenReason(field, env, labelsOf(field)) === 'off-screen') env.scrollIntoView?.(field);
  if (hiddenReason(field, env, labelsOf(field)) !== null) return { filled: false, reason: 'field-hidden' };
  const compact = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();
  if (field.value !== '' && compact(field.value) !== compact(phonePart)) return { filled: false, reason: 'field-not-empty' };
  setValue(field, phonePart);
  if (compact(field.value) !== compact(phonePart)) return { filled: false, reason: 'value-rejected' };
  return { filled: true, fields: 1, submitted: false };
}
