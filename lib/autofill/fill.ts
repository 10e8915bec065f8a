/**
 * Owns putting a code into a detected target so the page's own script sees it, and refusing when
 * the field holds the user's typing or has changed since detection. Leaves nothing behind.
 */
import { hiddenReason, type DomEnv } from './env';
import { labelsOf, type OtpTarget } from './detect';

export type FillRefusal =
  | 'no-target'
  | 'ambiguous'
  | 'length-mismatch'
  | 'field-gone'
  | 'field-hidden'
  | 'field-not-editable'
  | 'field-not-empty'
  | 'value-rejected';

export type FillResult = { filled: true; fields: number; submitted: boolean } | { filled: false; reason: FillRefusal };

// Authenticator codes: 4–10 digits, or Steam's 5 characters from its own alphabet.
const CODE = /^(?:\d{4,10}|[0-9A-Z]{5})$/;

function nativeValueSetter(el: HTMLInputElement): (this: HTMLInputElement, v: string) => void {
  // The prototype's setter, not the instance's: React and similar trackers override `value` on
  // the element and ignore an input event whose value went through their own setter.
  const proto = el.ownerDocument.defaultView?.HTMLInputElement.prototype ?? HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (!setter) throw new TypeError('HTMLInputElement has no value setter');
  return setter;
}

/** Writes `value` the way typing does: the native setter, then `input` and `change` events. */
export function setValue(el: HTMLInputElement, value: string): void {
  const win = el.ownerDocument.defaultView;
  const InputEventCtor = win?.InputEvent ?? InputEvent;
  const EventCtor = win?.Event ?? Event;
  el.focus();
  nativeValueSetter(el).call(el, value);
  el.dispatchEvent(new InputEventCtor('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  el.dispatchEvent(new EventCtor('change', { bubbles: true }));
}

/** An empty box, or one holding an earlier code of the same shape (digits only if the code is). */
function replaceable(current: string, code: string): boolean {
  if (current === '') return true;
  if (current.length !== code.length) return false;
  return /^\d+$/.test(code) ? /^\d+$/.test(current) : CODE.test(current);
}

/** The text without the spaces and dashes formatting pages insert ("123 456", "ABCD-EFGH"). */
export function withoutSeparators(text: string): string {
  return text.replace(/[\s-]/g, '');
}

function editable(el: HTMLInputElement): boolean {
  return !(el.disabled || el.readOnly || (el.getAttribute('type') ?? '').toLowerCase() === 'hidden');
}

/**
 * Right before writing: in view (scrolled there if needed), visible, uncovered, editable.
 * `isEditable` lets a filler with stricter rules (the phone part's text boxes) say what counts.
 */
export function usableNow(
  el: HTMLInputElement,
  env: DomEnv,
  isEditable: (el: HTMLInputElement) => boolean = editable,
): 'field-gone' | 'field-not-editable' | 'field-hidden' | null {
  if (!el.isConnected) return 'field-gone';
  if (!isEditable(el)) return 'field-not-editable';
  if (hiddenReason(el, env, labelsOf(el)) === 'off-screen') env.scrollIntoView?.(el);
  return hiddenReason(el, env, labelsOf(el)) === null ? null : 'field-hidden';
}

function paste(first: HTMLInputElement, code: string): void {
  const win = first.ownerDocument.defaultView;
  const DataTransferCtor = win?.DataTransfer ?? DataTransfer;
  const data = new DataTransferCtor();
  data.setData('text/plain', code);
  first.focus();
  const ClipboardEventCtor = win?.ClipboardEvent ?? ClipboardEvent;
  first.dispatchEvent(new ClipboardEventCtor('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: data }));
}

function submitIfAsked(el: HTMLInputElement, submit: boolean): boolean {
  if (!submit) return false;
  const form = el.form;
  if (!form) return false;
  // requestSubmit runs the page's validation and submit handlers, like a user pressing Enter.
  form.requestSubmit();
  return true;
}

/**
 * Fills `code` into `target`, re-checking right before writing that each field is still in the
 * page, visible and empty (or holding an older code). Never submits unless `submit` is set.
 */
export function fillOtp(target: OtpTarget, code: string, env: DomEnv, options: { submit?: boolean } = {}): FillResult {
  if (typeof code !== 'string' || !CODE.test(code)) {
    throw new RangeError('code must be 4–10 digits or a 5-character Steam code');
  }
  if (target.kind === 'none') return { filled: false, reason: 'no-target' };
  if (target.kind === 'ambiguous') return { filled: false, reason: 'ambiguous' };
  const submit = options.submit === true;

  if (target.kind === 'single') {
    const el = target.field;
    const refusal = usableNow(el, env);
    if (refusal) return { filled: false, reason: refusal };
    if (el.maxLength >= 0 && el.maxLength < code.length) return { filled: false, reason: 'length-mismatch' };
    if (el.value === code) return { filled: true, fields: 1, submitted: submitIfAsked(el, submit) };
    if (!replaceable(el.value, code)) return { filled: false, reason: 'field-not-empty' };
    setValue(el, code);
    // Formatting pages may insert spaces ("123 456"); anything else means the page refused it.
    if (withoutSeparators(el.value) !== code) return { filled: false, reason: 'value-rejected' };
    return { filled: true, fields: 1, submitted: submitIfAsked(el, submit) };
  }

  const fields = target.fields;
  if (fields.length !== code.length) return { filled: false, reason: 'length-mismatch' };
  for (const el of fields) {
    const refusal = usableNow(el, env);
    if (refusal) return { filled: false, reason: refusal };
  }
  const current = fields.map((el) => el.value);
  if (current.join('') === code && current.every((v) => v.length === 1)) {
    return { filled: true, fields: fields.length, submitted: submitIfAsked(fields[0]!, submit) };
  }
  const allEmpty = current.every((v) => v === '');
  const olderCode = current.every((v) => v.length === 1) && replaceable(current.join(''), code);
  if (!allEmpty && !olderCode) return { filled: false, reason: 'field-not-empty' };

  let accepted = true;
  for (let i = 0; i < fields.length; i++) {
    const el = fields[i]!;
    // Auto-advancing pages may have moved or re-rendered boxes after the previous one.
    if (!el.isConnected) return { filled: false, reason: 'field-gone' };
    setValue(el, code[i]!);
    if (el.value !== code[i]) {
      accepted = false;
      break;
    }
  }
  if (!accepted) {
    // Some widgets accept only a paste into the first box and spread it themselves.
    paste(fields[0]!, code);
  }
  if (fields.map((el) => el.value).join('') !== code) return { filled: false, reason: 'value-rejected' };
  return { filled: true, fields: fields.length, submitted: submitIfAsked(fields[0]!, submit) };
}
