import { describe, expect, it } from 'vitest';
import { actingForTab, createClient, poppedOutTabId } from '@/lib/contract';

describe('poppedOutTabId', () => {
  it('is undefined for the toolbar popup, whose address has no tab parameter', () => {
    // Number(null) is 0: read naively, the toolbar popup acted for a tab 0 that does not exist.
    expect(poppedOutTabId('')).toBeUndefined();
    expect(poppedOutTabId('?other=1')).toBeUndefined();
  });

  it('takes the id of a popped-out popup', () => {
    expect(poppedOutTabId('?tab=1234')).toBe(1234);
    expect(poppedOutTabId('?x=1&tab=7')).toBe(7);
  });

  it.each(['?tab=', '?tab=-1', '?tab=1.5', '?tab=0x10', '?tab=1e3', '?tab=%201', '?tab=abc', '?tab=1234567890123456'])(
    'ignores a malformed %s',
    (search) => expect(poppedOutTabId(search)).toBeUndefined(),
  );
});

describe('actingForTab', () => {
  it('leaves the toolbar popup acting for the active tab: no tabId in its requests', async () => {
    const sent: unknown[] = [];
    const client = actingForTab(
      createClient(async (envelope) => {
        sent.push(envelope);
        return { ok: true, value: { domain: null, accountIds: [], fillableIds: [] } };
      }),
      poppedOutTabId(''),
    );
    await client.getActiveSite({});
    expect(sent).toEqual([{ tessera: 1, name: 'getActiveSite', payload: {} }]);
  });
});
