/**
 * What the UI says for an error: the catalogue's text for its code (`error_<code>`), with the
 * values the error carries (a limit, a host) in the catalogue's placeholders. An error's English
 * `message` is for logs and tests only and is never shown.
 */
import type { ErrorCode, ErrorParams, SerializedError } from './errors';
import { formatDuration, formatList, t, type MessageArgs, type MessageKey } from './i18n';

/** `wrong-passphrase` → `wrong_passphrase`: catalogue keys allow letters, digits and `_` only. */
type Snake<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Snake<Tail>}` : S;
type ErrorKey = `error_${Snake<ErrorCode>}`;
// Every code has its text: a code without an `error_…` message fails the type check here.
const everyCodeHasText: ErrorKey extends MessageKey ? true : never = true;
void everyCodeHasText;

/** Codes whose value needs `Intl` formatting before it enters the sentence. */
const FORMAT_PARAMS: { readonly [C in ErrorCode]?: (params: ErrorParams) => (string | number)[] } = {
  'too-many-attempts': ([seconds]) => [formatDuration(Number(seconds ?? 0), 'second')],
  // The host, then the allowed domains joined by `Intl.ListFormat` ("a.com and b.com").
  'capture-not-allowed': ([host = '', ...domains]) => [host, formatList(domains.map(String))],
};

/**
 * Codes whose sentence depends on what the error carries: another catalogue message when the
 * usual one would name something the error does not have (no hint from the administrator, no
 * allowed site at all), so a sentence never ends on an empty placeholder.
 */
const VARIANT_KEYS: { readonly [C in ErrorCode]?: (params: ErrorParams) => MessageKey | undefined } = {
  'passphrase-rule': ([hint]) => (hint === undefined || hint === '' ? 'error_passphrase_rule_unexplained' : undefined),
  'capture-not-allowed': ([, ...domains]) => (domains.length === 0 ? 'error_capture_not_allowed_anywhere' : undefined),
};

/** The longer explanation of a blocking vault error, on the screen shown instead of the accounts. */
const EXPLANATION_KEYS: { readonly [C in ErrorCode]?: MessageKey } = {
  'storage-unavailable': 'error_explain_storage_unavailable',
  'device-key-missing': 'error_explain_device_key_missing',
  'device-key-unusable': 'error_explain_device_key_unusable',
};

/** The catalogue text for an error code, with its parameters (placeholders left empty when missing). */
export function errorText(code: ErrorCode, params: ErrorParams = []): string {
  const key = (VARIANT_KEYS[code]?.(params) ?? `error_${code.replaceAll('-', '_')}`) as ErrorKey;
  const args = (FORMAT_PARAMS[code]?.(params) ?? params) as MessageArgs[ErrorKey];
  return (t as (key: ErrorKey, ...args: readonly (string | number)[]) => string)(key, ...(args as readonly (string | number)[]));
}

/** A caught error as the UI reads it: a `RemoteError` from the worker, or a page-side domain error. */
export function describeError(error: unknown): SerializedError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { name?: string; code: unknown; message: unknown; params?: unknown };
    // The code is checked where it was thrown (TesseraError); here it only crossed the boundary.
    const params = Array.isArray(e.params) ? { params: e.params as ErrorParams } : {};
    return { name: String(e.name ?? 'Error'), code: String(e.code) as ErrorCode, message: String(e.message), ...params };
  }
  return { name: 'Error', code: 'internal', message: 'Something went wrong inside Tessera.' };
}

/** The code a caught error carries; `internal` when it carries none. */
export function codeOf(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (code as ErrorCode) : 'internal';
}

/**
 * The text to show a person for a caught error, from the catalogue by its code. `fallback`: said
 * instead of the generic line when the error carries no code (an unexpected failure).
 */
export function messageOf(error: unknown, fallback?: string): string {
  const { code, params } = describeError(error);
  if (code === 'internal' && fallback !== undefined) return fallback;
  return errorText(code, params);
}

/** What the blocking vault-error screen says: the explanation for its code, else its catalogue text. */
export function explanationOf(error: SerializedError): string {
  const key = EXPLANATION_KEYS[error.code];
  return key ? t(key as 'error_explain_storage_unavailable') : errorText(error.code, error.params);
}
