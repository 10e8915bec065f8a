/**
 * What the UI says for an error, in one table: the text for a code where the UI has its own words,
 * else the error's own message (domain errors carry a specific one, never a secret), else a fixed
 * line. Issue 16 moves this table into the message catalogue.
 */
import type { ErrorCode, SerializedError } from './errors';

const ERROR_TEXT: { readonly [C in ErrorCode]?: string } = {
  internal: 'Something went wrong inside Tessera.',
  'no-reply': 'Tessera did not answer.',
  'wrong-passphrase': 'That passphrase is not right.',
  cancelled: 'Stopped. Nothing from this file was imported.',
};

/** The longer explanation of a blocking vault error, on the screen shown instead of the accounts. */
const BLOCKING_EXPLANATION: { readonly [C in ErrorCode]?: string } = {
  'storage-unavailable':
    'The browser would not open Tessera’s storage. Nothing has been changed or deleted. Check that the browser is not in a mode that disables extension storage, then reopen Tessera.',
  'device-key-missing':
    'Your accounts are still stored, but the key that decrypts them is missing. Tessera has not changed anything and will not create a new key over them. Restore from a backup, or contact support with this message.',
  'device-key-unusable':
    'Your accounts are still stored, but the key that decrypts them does not work. Tessera has not changed anything.',
};

/** A caught error as the UI reads it: a `RemoteError` from the worker, or a page-side domain error. */
export function describeError(error: unknown): SerializedError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { name?: string; code: unknown; message: unknown };
    // The code is checked where it was thrown (TesseraError); here it only crossed the boundary.
    return { name: String(e.name ?? 'Error'), code: String(e.code) as ErrorCode, message: String(e.message) };
  }
  return { name: 'Error', code: 'internal', message: ERROR_TEXT.internal! };
}

/** The code a caught error carries; `internal` when it carries none. */
export function codeOf(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (code as ErrorCode) : 'internal';
}

/** The text to show a person for a caught error. `fallback`: said when the error brings no text of its own. */
export function messageOf(error: unknown, fallback: string = ERROR_TEXT.internal!): string {
  const code = (error as { code?: unknown } | null)?.code;
  const fixed = typeof code === 'string' ? ERROR_TEXT[code as ErrorCode] : undefined;
  if (fixed !== undefined && code !== 'internal') return fixed;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : fallback;
}

/** What the blocking vault-error screen says: the explanation for its code, else the error's message. */
export function explanationOf(error: SerializedError): string {
  return BLOCKING_EXPLANATION[error.code] ?? error.message;
}
