/**
 * Owns finding the field of a privacyIDEA two-step enrollment page that takes the phone part
 * ("client part") and filling it there: a field named for it, else the page's one visible empty
 * text box; several candidates fill nothing. Pure DOM functions, like `detect.ts`.
 */
import { composedChain, hiddenReason, type DomEnv } from './env';
import { collectInputs, describeField, hasPhrase, labelsOf, normaliseText } from './detect';
import { setValue, usableNow, withoutSeparators } from './fill';

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
  const description = normaliseText(describeField(el));
  return PHRASES.find((phrase) => hasPhrase(description, phrase)) ?? null;
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

/** Fills the phone part, re-checking right before writing that the field is there, visible and empty. */
export function fillClientPart(field: HTMLInputElement, phonePart: string, env: DomEnv): ClientPartFillResult {
  if (typeof phonePart !== 'string' || !PHONE_PART.test(phonePart)) {
    throw new RangeError('phonePart must be base32 text in groups');
  }
  // Gone, then not an editable text box, then hidden: the same checks, in the same order, as a code fill.
  const refusal = usableNow(field, env, textual);
  if (refusal) return { filled: false, reason: refusal };
  const compact = (text: string) => withoutSeparators(text).toUpperCase();
  if (field.value !== '' && compact(field.value) !== compact(phonePart)) return { filled: false, reason: 'field-not-empty' };
  setValue(field, phonePart);
  if (compact(field.value) !== compact(phonePart)) return { filled: false, reason: 'value-rejected' };
  return { filled: true, fields: 1, submitted: false };
}
