/**
 * The base of every domain error: a stable `code` that survives the message boundary
 * (where `instanceof` does not) and a message that never contains a secret.
 */
export class TesseraError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** What crosses the message boundary in place of a thrown error. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof TesseraError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  // Unknown failures are reported by kind only: their text could echo input.
  const name = error instanceof Error ? error.name : 'Error';
  return { name, code: 'internal', message: 'Something went wrong inside Tessera.' };
}

/** The text to show a person for a caught error (domain errors carry one); a fixed line otherwise. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : 'Something went wrong inside Tessera.';
}

/** Rebuilt on the caller's side of a message: the `code` is what callers branch on. */
export class RemoteError extends TesseraError {
  readonly remoteName: string;
  constructor(serialized: SerializedError) {
    super(serialized.code, serialized.message);
    this.remoteName = serialized.name;
  }
}
