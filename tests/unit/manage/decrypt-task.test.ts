/**
 * The page's side of the import Worker: what it posts (the file, the password and the catalogue
 * messages the parsers need) and how a failure comes back (its code and the values its text names).
 */
import { describe, expect, it } from 'vitest';
import { openEncryptedInWorker, type DecryptMessage, type DecryptRequest } from '@/lib/manage/decrypt-task';
import { errorText } from '@/lib/error-text';

/** A stand-in Worker that answers each request with `reply`, as lib/manage/import-worker.ts would. */
function fakeWorker(reply: (request: DecryptRequest) => DecryptMessage) {
  const sent: DecryptRequest[] = [];
  let terminated = false;
  const worker = {
    onmessage: null as ((event: MessageEvent<DecryptMessage>) => void) | null,
    onerror: null as (() => void) | null,
    postMessage(request: DecryptRequest) {
      sent.push(request);
      queueMicrotask(() => worker.onmessage?.({ data: reply(request) } as MessageEvent<DecryptMessage>));
    },
    terminate() {
      terminated = true;
    },
  };
  return { worker, sent, isTerminated: () => terminated };
}

describe('openEncryptedInWorker', () => {
  it('sends the parsers’ catalogue messages in the UI language with the file', async () => {
    const fake = fakeWorker(() => ({ type: 'done', opened: { format: 'aegis', candidates: [] } }));
    const task = openEncryptedInWorker(() => fake.worker as unknown as Worker)('a.json', '{}', 'pw', () => undefined);
    await expect(task.result).resolves.toEqual({ format: 'aegis', candidates: [] });
    const [request] = fake.sent;
    expect(request?.messages.uiLanguage).toBe('en-US');
    expect(request?.messages.catalogue.import_entry_label?.message).toBe('Entry $1');
    expect(fake.isTerminated()).toBe(true);
  });

  it('a failure keeps its params, so the page’s text names the value', async () => {
    const fake = fakeWorker(() => ({ type: 'failed', code: 'too-many-attempts', message: 'English for logs', params: [30] }));
    const task = openEncryptedInWorker(() => fake.worker as unknown as Worker)('a.json', '{}', 'pw', () => undefined);
    const error = (await task.result.then(
      () => ({ code: 'none', params: undefined }),
      (caught: unknown) => caught,
    )) as { code: string; params?: number[] };
    expect(error.code).toBe('too-many-attempts');
    expect(error.params).toEqual([30]);
    expect(errorText('too-many-attempts', error.params)).toContain('30 seconds');
  });
});
