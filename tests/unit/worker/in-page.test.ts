import { describe, expect, it, vi } from 'vitest';
import { createCodeRequestLimiter, IN_PAGE_CODE_LIMIT, inPageFill, inPageOffer, type InPageDeps } from '@/lib/worker';
import type { SenderInfo } from '@/lib/contract';
import type { Vault } from '@/lib/vault/vault';

type FakeAccount = { id: string; kind: 'totp' | 'hotp'; sites: Array<{ match: 'site'; site: string } | { match: 'origin'; origin: string }>; submitAfterFill?: boolean };

const TOP: SenderInfo = { tab: { id: 4 }, frameId: 0, origin: 'https://login.example.test', url: 'https://login.example.test/2fa' };
const ALICE: FakeAccount = { id: 'a', kind: 'totp', sites: [{ match: 'site', site: 'example.test' }] };
const BOB: FakeAccount = { id: 'b', kind: 'totp', sites: [{ match: 'origin', origin: 'https://login.example.test' }] };
const ELSEWHERE: FakeAccount = { id: 'c', kind: 'totp', sites: [{ match: 'site', site: 'other.test' }] };

function fakeVault(accounts: FakeAccount[]) {
  return {
    list: vi.fn(async () => accounts),
    codeOf: vi.fn(async (id: string) => ({ id, current: `code-${id}` })),
    nextHotp: vi.fn(async (id: string) => ({ code: `hotp-${id}`, counter: 1 })),
    markUsed: vi.fn(async () => undefined),
  };
}

function memoryStore() {
  let times: number[] = [];
  return { load: async () => times, save: async (next: number[]) => void (times = [...next]) };
}

function deps(accounts: FakeAccount[], over: Partial<InPageDeps> = {}) {
  const vault = fakeVault(accounts);
  const d: InPageDeps = {
    allowed: async () => true,
    isActiveTab: async (tabId) => tabId === 4,
    openPopup: async () => false,
    vault: async () => vault as unknown as Vault,
    now: () => 59_000,
    admitCode: createCodeRequestLimiter(memoryStore()),
    ...over,
  };
  return { d, vault };
}

describe('inPageOffer', () => {
  it('says yes, and nothing more, when the frame\'s origin has a bound account', async () => {
    expect(await inPageOffer(TOP, deps([ELSEWHERE, ALICE]).d)).toEqual({ offer: true });
  });

  it('says no for a site without accounts, a lookalike, a subframe or an opaque origin', async () => {
    const { d } = deps([ALICE]);
    expect(await inPageOffer({ ...TOP, origin: 'https://examp1e.test', url: 'https://examp1e.test/' }, d)).toEqual({ offer: false });
    expect(await inPageOffer({ ...TOP, origin: 'https://example.test.evil.test', url: 'https://example.test.evil.test/' }, d)).toEqual({ offer: false });
    expect(await inPageOffer({ ...TOP, frameId: 2 }, d)).toEqual({ offer: false });
    expect(await inPageOffer({ ...TOP, origin: 'null' }, d)).toEqual({ offer: false });
  });

  it('says no while the button is not allowed, and while the vault is locked', async () => {
    expect(await inPageOffer(TOP, deps([ALICE], { allowed: async () => false }).d)).toEqual({ offer: false });
    const locked = deps([ALICE], { vault: async () => Promise.reject(new Error('locked')) }).d;
    expect(await inPageOffer(TOP, locked)).toEqual({ offer: false });
  });
});

describe('inPageFill', () => {
  it('gives the one bound account\'s current code and marks it used', async () => {
    const { d, vault } = deps([ELSEWHERE, ALICE]);
    expect(await inPageFill(TOP, d)).toEqual({ status: 'code', code: 'code-a', submit: false });
    expect(vault.codeOf).toHaveBeenCalledWith('a', 59_000);
    expect(vault.markUsed).toHaveBeenCalledWith('a');
  });

  it('passes the account\'s submit choice on', async () => {
    const { d } = deps([{ ...ALICE, submitAfterFill: true }]);
    expect(await inPageFill(TOP, d)).toEqual({ status: 'code', code: 'code-a', submit: true });
  });

  it('sends a counter-based (HOTP) account to the popup: no code, no counter advanced (#14.7)', async () => {
    const { d, vault } = deps([{ ...ALICE, kind: 'hotp' }], { openPopup: async () => true });
    expect(await inPageFill(TOP, d)).toEqual({ status: 'popup-opened' });
    expect(vault.nextHotp).not.toHaveBeenCalled();
    expect(vault.codeOf).not.toHaveBeenCalled();
    expect(vault.markUsed).not.toHaveBeenCalled();
  });

  it('hands the button at most a few codes a minute, concurrent requests included (#14.7)', async () => {
    let clock = 59_000;
    const { d, vault } = deps([ALICE], { now: () => clock });
    const replies = await Promise.all(Array.from({ length: 10 }, () => inPageFill(TOP, d)));
    const codes = replies.filter((r) => r.status === 'code').length;
    expect(codes).toBe(IN_PAGE_CODE_LIMIT.count);
    expect(IN_PAGE_CODE_LIMIT.count).toBeLessThanOrEqual(3);
    expect(replies.filter((r) => r.status === 'refused')).toHaveLength(10 - codes);
    expect(vault.codeOf).toHaveBeenCalledTimes(codes);
    clock += IN_PAGE_CODE_LIMIT.windowMs - 1;
    expect(await inPageFill(TOP, d)).toEqual({ status: 'refused' });
    clock += 1;
    expect(await inPageFill(TOP, d)).toMatchObject({ status: 'code' });
  });

  it('with several bound accounts gives no code and opens the popup (or asks the person to)', async () => {
    const closed = deps([ALICE, BOB]);
    expect(await inPageFill(TOP, closed.d)).toEqual({ status: 'open-popup' });
    expect(closed.vault.codeOf).not.toHaveBeenCalled();
    expect(await inPageFill(TOP, deps([ALICE, BOB], { openPopup: async () => true }).d)).toEqual({ status: 'popup-opened' });
  });

  it('refuses, computing no code, for a background tab, a subframe, an unbound site or when not allowed', async () => {
    for (const [sender, over] of [
      [{ ...TOP, tab: { id: 9 } }, {}],
      [{ ...TOP, frameId: 1 }, {}],
      [{ ...TOP, origin: 'https://evil.test', url: 'https://evil.test/' }, {}],
      [TOP, { allowed: async () => false }],
    ] as Array<[SenderInfo, Partial<InPageDeps>]>) {
      const { d, vault } = deps([ALICE], over);
      expect(await inPageFill(sender, d)).toEqual({ status: 'refused' });
      expect(vault.codeOf).not.toHaveBeenCalled();
      expect(vault.markUsed).not.toHaveBeenCalled();
    }
  });
});
