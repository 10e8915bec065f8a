/**
 * The dedicated Worker that opens one encrypted import file (see decrypt-task.ts): it runs the
 * file's key derivation and decryption away from the page and reports progress. It receives
 * one request and is terminated after its answer, or mid-work by Cancel.
 */
import { serializeError } from '../errors';
import { importFile } from '../import';
import { setMessageSource, sourceFromCatalogue } from '../i18n';
import type { DecryptMessage, DecryptRequest } from './decrypt-task';

const PROGRESS_STEP = 0.01;

const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: DecryptMessage): void };

scope.onmessage = async ({ data }: MessageEvent<DecryptRequest>) => {
  setMessageSource(sourceFromCatalogue(data.messages.catalogue, data.messages.uiLanguage));
  // scrypt reports progress hundreds of times a second; the page needs a step per percent.
  let posted = -1;
  const onProgress = (done: number): void => {
    if (done < 1 && done - posted < PROGRESS_STEP) return;
    posted = done;
    scope.postMessage({ type: 'progress', done });
  };
  try {
    const opened = await importFile(data.name, data.text, { password: data.password, onProgress });
    scope.postMessage({ type: 'done', opened });
  } catch (error) {
    const { code, message, params } = serializeError(error);
    scope.postMessage({ type: 'failed', code, message, ...(params ? { params } : {}) });
  }
};
