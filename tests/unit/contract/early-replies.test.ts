import { describe, expect, it, vi } from 'vitest';
import { createClient, envelopeOf, withEarlyReplies, type EarlyRequest } from '@/lib/contract';

const STATUS = { state: 'ready', mode: 'device' } as const;
const ok = (value: unknown) => ({ ok: true, value });

/** The worker as the transport sees it: every envelope it received, each answered by `answer`. */
function worker(answer: (name: string) => unknown = () => ok('fresh')) {
  const received: unknown[] = [];
  const send = vi.fn(async (envelope: { name: string }) => {
    received.push(envelope);
    return answer(envelope.name);
  });
  return { send, received };
}

function early(...requests: EarlyRequest[]): Promise<readonly EarlyRequest[]> {
  return Promise.resolve(requests);
}

describe('withEarlyReplies', () => {
  it('answers the first identical request with the reply already on its way, without asking again', async () => {
    const { send } = worker();
    const client = createClient(
      withEarlyReplies(send, early({ envelope: envelopeOf('getVaultStatus', undefined), reply: Promise.resolve(ok(STATUS)) })),
    );

    await expect(client.getVaultStatus()).resolves.toEqual(STATUS);
    expect(send).not.toHaveBeenCalled();
  });

  it('asks afresh the second time (a later start, after an unlock, must not see the early answer)', async () => {
    const { send } = worker();
    const client = createClient(
      withEarlyReplies(send, early({ envelope: envelopeOf('getVaultStatus', undefined), reply: Promise.resolve(ok(STATUS)) })),
    );

    await client.getVaultStatus();
    await expect(client.getVaultStatus()).resolves.toBe('fresh');
    expect(send).toHaveBeenCalledOnce();
  });

  it('does not answer a request with a different payload (another tab) from the early one', async () => {
    const { send, received } = worker();
    const client = createClient(
      withEarlyReplies(send, early({ envelope: envelopeOf('getActiveSite', { tabId: 4 }), reply: Promise.resolve(ok('tab 4')) })),
    );

    await expect(client.getActiveSite({ tabId: 5 })).resolves.toBe('fresh');
    expect(received).toEqual([{ tessera: 1, name: 'getActiveSite', payload: { tabId: 5 } }]);
    await expect(client.getActiveSite({ tabId: 4 })).resolves.toBe('tab 4');
  });

  it('sends again when the early request never arrived (the worker refused the connection)', async () => {
    const { send } = worker();
    const lost = Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    lost.catch(() => undefined);
    const client = createClient(withEarlyReplies(send, early({ envelope: envelopeOf('listAccounts', undefined), reply: lost })));

    await expect(client.listAccounts()).resolves.toBe('fresh');
    expect(send).toHaveBeenCalledOnce();
  });

  it("passes the worker's refusal of an early request on as it is (a locked vault), not as a success", async () => {
    const { send } = worker();
    const refusal = { ok: false, error: { name: 'VaultLockedError', code: 'locked', message: 'Tessera is locked.' } };
    const client = createClient(
      withEarlyReplies(send, early({ envelope: envelopeOf('listAccounts', undefined), reply: Promise.resolve(refusal) })),
    );

    await expect(client.listAccounts()).rejects.toMatchObject({ code: 'locked' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends everything as usual when nothing went out early, or the early list could not be made', async () => {
    for (const none of [undefined, Promise.reject(new Error('storage.session unavailable'))]) {
      none?.catch(() => undefined);
      const { send } = worker();
      const client = createClient(withEarlyReplies(send, none));
      await expect(client.getVaultStatus()).resolves.toBe('fresh');
      expect(send).toHaveBeenCalledOnce();
    }
  });
});

describe('withEarlyReplies, timing', () => {
  it('sends in the same task as the call once the early list is known (before rendering the caller scheduled)', async () => {
    const { send } = worker();
    const transport = withEarlyReplies(send, early());
    await Promise.resolve(); // the early list, known
    await Promise.resolve();
    void transport(envelopeOf('getCodes', { at: 0, ids: ['a'] }));
    expect(send).toHaveBeenCalledOnce();
  });
});
