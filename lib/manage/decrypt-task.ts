/**
 * Owns opening an encrypted import file (Aegis, 2FAS, a Tessera backup) where it cannot freeze
 * the manage page: in a dedicated Worker, with progress, stopped for good by Cancel (the worker
 * is terminated, so a hostile key derivation does not run on). The file's text and password go
 * to the worker; the readable entries come back, as from `importFile`.
 */
import { TesseraError, type ErrorCode, type ErrorParams } from '../errors';
import { IMPORT_MESSAGE_KEYS, importFile, type ImportCandidate, type ImportFormat } from '../import';
import { catalogueOf, type Catalogue } from '../i18n';
// Vite bundles the worker as its own module file (`?worker`), loaded from the extension's origin.
import ImportWorker from './import-worker.ts?worker';

export type ImportOpened = { format: ImportFormat; candidates: ImportCandidate[] };

/**
 * What the page asks the worker. A dedicated Worker has no `browser.i18n`, so the page sends the
 * few catalogue messages the parsers name entries with ("Entry 3"), in the page's UI language.
 */
export type DecryptRequest = { name: string; text: string; password: string; messages: { catalogue: Catalogue; uiLanguage: string } };

export interface DecryptTask {
  /** The entries, or the import's typed error (`wrong-password`, `unsupported-backup`…), or `cancelled`. */
  result: Promise<ImportOpened>;
  cancel(): void;
}

export type OpenEncrypted = (name: string, text: string, password: string, onProgress: (done: number) => void) => DecryptTask;

/** What the worker posts back. */
export type DecryptMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; opened: ImportOpened }
  | { type: 'failed'; code: ErrorCode; message: string; params?: ErrorParams };

export function cancelledError(): TesseraError {
  return new TesseraError('cancelled', 'Stopped. Nothing from this file was imported.');
}

/** In this thread, for tests and where Workers are unavailable: cancel only drops the result. */
export const openEncryptedInProcess: OpenEncrypted = (name, text, password, onProgress) => {
  let cancel: () => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => (cancel = () => reject(cancelledError())));
  return { result: Promise.race([importFile(name, text, { password, onProgress }), stopped]), cancel };
};

/** One Worker per file opened, terminated when done or cancelled. */
export function openEncryptedInWorker(createWorker: () => Worker): OpenEncrypted {
  return (name, text, password, onProgress) => {
    const worker = createWorker();
    let settle: { resolve: (value: ImportOpened) => void; reject: (error: unknown) => void } | null = null;
    const result = new Promise<ImportOpened>((resolve, reject) => (settle = { resolve, reject }));
    const finish = (outcome: () => void): void => {
      worker.terminate();
      if (!settle) return;
      outcome();
      settle = null;
    };
    worker.onmessage = ({ data }: MessageEvent<DecryptMessage>) => {
      if (data.type === 'progress') onProgress(data.done);
      else if (data.type === 'done') finish(() => settle!.resolve(data.opened));
      // The params too: the page's text for the code names the value (a limit, a KDF cost).
      else finish(() => settle!.reject(new TesseraError(data.code, data.message, data.params ? { params: data.params } : undefined)));
    };
    worker.onerror = () => finish(() => settle!.reject(new TesseraError('internal', 'The file could not be opened.')));
    const request: DecryptRequest = { name, text, password, messages: catalogueOf(IMPORT_MESSAGE_KEYS) };
    worker.postMessage(request);
    return { result, cancel: () => finish(() => settle!.reject(cancelledError())) };
  };
}

/** The manage page's Worker. */
export function createImportWorker(): Worker {
  return new ImportWorker();
}
