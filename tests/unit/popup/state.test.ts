import { describe, expect, it, vi } from 'vitest';
import { effect } from '@preact/signals';
import { RemoteError } from '@/lib/errors';
import { type AccountCode, type AccountMeta, type AccountCodeFailure } from '@/lib/vault/types';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { AccountPatch, AddAccountReply, AddAccountRequest, ReplyOf } from '@/lib/contract';
import { ANNOUNCEMENT_MS, createPopupState, FIRST_CODES_WAIT_MS, type Clock, type PopupDeps } from '@/lib/popup/state';
import type { PopupSnapshot } from '@/lib/popup/snapshot';

/** A fake worker with positional arguments: the tests assert on its calls. */
interface FakeWorker {
  getVaultStatus(): Promise<ReplyOf<'getVaultStatus'>>;
  unlockVault(passphrase: string): Promise<void>;
  lockVault(): Promise<void>;
  listAccounts(): Promise<AccountMeta[]>;
  getCodes(at: number, ids?: string[]): Promise<Array<AccountCode | AccountCodeFailure>>;
  addAccount(request: AddAccountRequest): Promise<AddAccountReply>;
  updateAccount(id: string, patch: AccountPatch): Promise<AccountMeta>;
  deleteAccount(id: string): Promise<{ undoToken: string }>;
  undoDeleteAccount(undoToken: string): Promise<AccountMeta>;
  reorderAccounts(ids: string[]): Promise<void>;
  nextHotpCode(id: string): Promise<{ code: string; counter: number }>;
  lastHotpCode(id: string): Promise<{ code: string; counter: number } | null>;
  markAccountUsed(id: string): Promise<void>;
  scheduleClipboardClear(copied: string): Promise<{ clearAt: number | null }>;
  writeClipboard(text: string): Promise<void>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  activeSite(): Promise<ReplyOf<'getActiveSite'>>;
  loadSnapshot?(): Promise<{ snapshot: PopupSnapshot | null; siteKey: string }>;
  fillCode(id: string): Promise<{ code: string; fields: number }>;
}

/** The popup's dependencies, speaking the contract's request objects to the fake (read lazily, so tests may swap a method). */
function clientOf(api: FakeWorker): PopupDeps {
  return {
    getVaultStatus: () => api.getVaultStatus(),
    unlockVault: ({ passphrase }) => api.unlockVault(passphrase),
    lockVault: () => api.lockVault(),
    listAccounts: () => api.listAccounts(),
    getCodes: ({ at, ids }) => (ids === undefined ? api.getCodes(at) : api.getCodes(at, ids)),
    addAccount: (request) => api.addAccount(request),
    updateAccount: ({ id, patch }) => api.updateAccount(id, patch),
    deleteAccount: ({ id }) => api.deleteAccount(id),
    undoDeleteAccount: ({ undoToken }) => api.undoDeleteAccount(undoToken),
    reorderAccounts: ({ ids }) => api.reorderAccounts(ids),
    nextHotpCode: ({ id }) => api.nextHotpCode(id),
    lastHotpCode: ({ id }) => api.lastHotpCode(id),
    markAccountUsed: ({ id }) => api.markAccountUsed(id),
    scheduleClipboardClear: ({ copied }) => api.scheduleClipboardClear(copied),
    writeClipboard: (text) => api.writeClipboard(text),
    loadSettings: () => api.loadSettings(),
    saveSettings: (patch) => api.saveSettings(patch),
    getActiveSite: () => api.activeSite(),
    ...(api.loadSnapshot ? { loadSnapshot: () => api.loadSnapshot!() } : {}),
    fillCode: ({ id }) => api.fillCode(id),
  };
}

/** A clock whose time only moves when the test says so. */
function manualClock(start: number) {
  let time = start;
  let nextHandle = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: Clock = {
    now: () => time,
    setTimeout: (callback, ms) => {
      nextHandle += 1;
      timers.set(nextHandle, { at: time + ms, callback });
      return nextHandle;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  async function advanceTo(target: number) {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].callback();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    time = target;
  }
  return { clock, advanceTo };
}

function meta(id: string, overrides: Partial<AccountMeta> = {}): AccountMeta {
  return {
    id,
    kind: 'totp',
    issuer: `Issuer ${id}`,
    account: `${id}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    sites: [],
    pinned: false,
    order: Number(id.replace(/\D/g, '')) || 0,
    deviceBound: false,
    secretBits: 160,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** Codes named after their step so the test can tell which step a shown code belongs to. */
function codesAt(at: number, ids: string[]): AccountCode[] {
  const step = Math.floor(at / 30_000);
  return ids.map((id) => ({
    id,
    kind: 'totp',
    current: String(step).padStart(6, '0'),
    next: String(step + 1).padStart(6, '0'),
    period: 30,
    stepStart: step * 30_000,
    stepEnd: (step + 1) * 30_000,
  }));
}

function fakeApi(accounts: AccountMeta[]): FakeWorker & { clipboard: string[]; getCodes: ReturnType<typeof vi.fn> } {
  const clipboard: string[] = [];
  return {
    clipboard,
    getVaultStatus: async () => ({ state: accounts.length ? 'ready' : 'empty', mode: 'device' }),
    unlockVault: async () => undefined,
    lockVault: async () => undefined,
    listAccounts: async () => accounts,
    getCodes: vi.fn(async (at: number) => codesAt(at, accounts.filter((a) => a.kind !== 'hotp').map((a) => a.id))),
    addAccount: async () => {
      throw new Error('not used');
    },
    updateAccount: async (id, { group, ...patch }) => {
      const { group: oldGroup, ...account } = { ...accounts.find((a) => a.id === id)!, ...patch };
      const next = group === undefined ? oldGroup : group;
      return next ? { ...account, group: next } : account;
    },
    deleteAccount: async (id) => ({ undoToken: id }),
    undoDeleteAccount: async (token) => accounts.find((a) => a.id === token)!,
    reorderAccounts: vi.fn(async () => undefined),
    nextHotpCode: async () => ({ code: '755224', counter: 0 }),
    lastHotpCode: async (id) => (accounts.find((a) => a.id === id)?.hotpShown ? { code: '287082', counter: 1 } : null),
    markAccountUsed: async () => undefined,
    scheduleClipboardClear: async () => ({ clearAt: null }),
    writeClipboard: async (text) => void clipboard.push(text),
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
    activeSite: async () => ({ domain: null, accountIds: [], fillableIds: [] }),
    fillCode: async () => ({ code: '123456', fields: 1 }),
  };
}

describe('createPopupState', () => {
  it('shows the next code from the first millisecond of a new step, before any refetch', async () => {
    const start = 1_000 * 30_000 + 29_000; // one second before a boundary
    const { clock, advanceTo } = manualClock(start);
    const api = fakeApi([meta('a1')]);
    api.getCodes.mockImplementation(async (at: number) => codesAt(at, ['a1']));
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    const shown = state.codeFor('a1');
    expect(shown.value?.code).toBe('001000');

    // Make the refetch hang: the display must not depend on it.
    api.getCodes.mockImplementation(() => new Promise(() => undefined));
    await advanceTo(1_001 * 30_000);
    expect(state.now.value).toBe(1_001 * 30_000);
    expect(shown.value?.code).toBe('001001');
    expect(shown.value?.msLeft).toBe(30_000);
    state.stop();
  });

  it('without a snapshot, asks for the first screen alone (this site first) and draws it before the rest', async () => {
    const at = 5_000 * 30_000 + 1_000;
    const { clock } = manualClock(at);
    const accounts = Array.from({ length: 40 }, (_, i) => meta(`a${i}`));
    let answerAll: (list: AccountCode[]) => void = () => undefined;
    const api = fakeApi(accounts);
    api.activeSite = async () => ({ domain: 'acme.test', accountIds: ['a30'], fillableIds: [] });
    api.getCodes.mockImplementation((when: number, ids?: string[]) =>
      ids ? Promise.resolve(codesAt(when, ids)) : new Promise<AccountCode[]>((resolve) => (answerAll = resolve)),
    );
    const state = createPopupState(clientOf(api), clock);
    const started = state.start();
    await vi.waitFor(() => expect(state.codeFor('a30').value?.code).toBe('005000'));

    const firstScreen = ['a30', ...Array.from({ length: 9 }, (_, i) => `a${i}`)];
    expect(api.getCodes.mock.calls[0]).toEqual([at, firstScreen]);
    expect(state.codeFor('a30').value?.code).toBe('005000');
    expect(state.codeFor('a8').value?.code).toBe('005000');
    expect(state.codeFor('a9').value).toBeNull();

    answerAll(codesAt(at, accounts.map((a) => a.id)));
    await started;
    expect(api.getCodes.mock.calls[1]).toEqual([at]);
    expect(state.codeFor('a39').value?.code).toBe('005000');
    state.stop();
  });

  it('draws the rows and codes without waiting for a slow status, then takes its lock mode', async () => {
    const { clock } = manualClock(5_000 * 30_000);
    const api = fakeApi([meta('a1')]);
    let answerStatus: (status: Awaited<ReturnType<FakeWorker['getVaultStatus']>>) => void = () => undefined;
    api.getVaultStatus = () => new Promise((resolve) => (answerStatus = resolve));
    const state = createPopupState(clientOf(api), clock);
    const started = state.start();
    await vi.waitFor(() => expect(state.codeFor('a1').value?.code).toBe('005000'));
    expect(state.phase.value.name).toBe('ready');
    expect(state.vaultMode.value).toBe('device');

    answerStatus({ state: 'ready', mode: 'passphrase' });
    await started;
    expect(state.vaultMode.value).toBe('passphrase');
    state.stop();
  });

  it('without a snapshot, a vault that fits one screen is asked for once', async () => {
    const { clock } = manualClock(5_000 * 30_000);
    const api = fakeApi([meta('a1'), meta('a2')]);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    expect(api.getCodes).toHaveBeenCalledTimes(1);
    expect(api.getCodes.mock.calls[0]).toHaveLength(1);
    expect(state.phase.value.name).toBe('ready');
    expect(state.codeFor('a2').value?.code).toBe('005000');
    state.stop();
  });

  it('refetches codes when a step ends so a popup left open keeps going', async () => {
    const start = 2_000 * 30_000 + 5_000;
    const { clock, advanceTo } = manualClock(start);
    const api = fakeApi([meta('a1')]);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    await advanceTo(2_005 * 30_000 + 1_000); // five boundaries later
    expect(state.codeFor('a1').value?.code).toBe('002005');
    expect(api.getCodes.mock.calls.length).toBeGreaterThanOrEqual(6);
    state.stop();
  });

  it('copies the code valid at the moment of the click, across a boundary', async () => {
    const start = 3_000 * 30_000 + 29_500;
    const { clock, advanceTo } = manualClock(start);
    const api = fakeApi([meta('a1')]);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    await advanceTo(3_001 * 30_000 + 10); // the tick has not run since the boundary
    await state.copy('a1');
    expect(api.clipboard).toEqual(['003001']);
    state.stop();
  });

  it('counts down in whole seconds and flags the last five', async () => {
    const start = 4_000 * 30_000 + 24_200;
    const { clock, advanceTo } = manualClock(start);
    const state = createPopupState(clientOf(fakeApi([meta('a1')])), clock);
    await state.start();
    const shown = state.codeFor('a1');
    expect(Math.ceil(shown.value!.msLeft / 1000)).toBe(6);
    await advanceTo(4_000 * 30_000 + 25_000);
    expect(Math.ceil(shown.value!.msLeft / 1000)).toBe(5);
    expect(shown.value?.next).toBe('004001');
    state.stop();
  });

  it('filters by issuer, account and bound site, and lists the active site first', async () => {
    const accounts = [
      meta('a1', { issuer: 'GitHub', account: 'alice', order: 1 }),
      meta('a2', { issuer: 'Acme', account: 'bob', order: 2, sites: [{ match: 'site', site: 'acme.test' }] }),
      meta('a3', { issuer: 'Ünïcode Bank', account: 'carol', order: 0 }),
    ];
    const api = { ...fakeApi(accounts), activeSite: async () => ({ domain: 'acme.test', accountIds: ['a2'], fillableIds: ['a2'] }) };
    const { clock } = manualClock(0);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    expect(state.groups.value.thisSite.map((a) => a.id)).toEqual(['a2']);
    expect(state.groups.value.others.map((a) => a.id)).toEqual(['a3', 'a1']);
    state.query.value = 'unicode';
    expect(state.orderedIds.value).toEqual(['a3']);
    state.query.value = 'acme.test';
    expect(state.orderedIds.value).toEqual(['a2']);
    state.query.value = 'ALICE';
    expect(state.orderedIds.value).toEqual(['a1']);
    state.stop();
  });

  it('keeps pinned accounts on top in every sort order', async () => {
    const accounts = [
      meta('a1', { issuer: 'Zeta', order: 0, lastUsedAt: 5 }),
      meta('a2', { issuer: 'Alpha', order: 1, lastUsedAt: 1 }),
      meta('a3', { issuer: 'Mid', order: 2, pinned: true, lastUsedAt: 0 }),
    ];
    const { clock } = manualClock(0);
    const state = createPopupState(clientOf(fakeApi(accounts)), clock);
    await state.start();
    expect(state.orderedIds.value).toEqual(['a3', 'a1', 'a2']);
    await state.changeSettings({ sortOrder: 'issuer' });
    expect(state.orderedIds.value).toEqual(['a3', 'a2', 'a1']);
    await state.changeSettings({ sortOrder: 'recent' });
    expect(state.orderedIds.value).toEqual(['a3', 'a1', 'a2']);
    state.stop();
  });

  it('moves an account and sends the whole new order in one call', async () => {
    const accounts = [meta('a0', { order: 0 }), meta('a1', { order: 1 }), meta('a2', { order: 2 })];
    const { clock } = manualClock(0);
    const api = fakeApi(accounts);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    await state.moveBy('a2', -1);
    expect(api.reorderAccounts).toHaveBeenCalledWith(['a0', 'a2', 'a1']);
    expect(state.orderedIds.value).toEqual(['a0', 'a2', 'a1']);
    state.stop();
  });

  it('offers undo after a delete and forgets it after the window', async () => {
    const accounts = [meta('a1'), meta('a2')];
    const { clock, advanceTo } = manualClock(0);
    const state = createPopupState(clientOf(fakeApi(accounts)), clock);
    await state.start();
    await state.deleteAccount('a1');
    expect(state.orderedIds.value).toEqual(['a2']);
    expect(state.pendingUndo.value?.undoToken).toBe('a1');
    await advanceTo(9_000);
    expect(state.pendingUndo.value).toBeNull();
    state.stop();
  });

  it('reports a vault failure instead of showing an empty list', async () => {
    const { clock } = manualClock(0);
    const api = fakeApi([]);
    api.listAccounts = async () => {
      throw Object.assign(new Error('Key missing'), { code: 'device-key-missing' });
    };
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    expect(state.phase.value).toMatchObject({ name: 'failed', error: { code: 'device-key-missing' } });
    state.stop();
  });
});

describe('createPopupState with a snapshot of the last popup', () => {
  const at = 4_000 * 30_000 + 1_000;
  const snapshotOf = (accounts: AccountMeta[], codeTime: number) => ({
    v: 1 as const,
    accounts,
    codes: codesAt(codeTime, accounts.map((a) => a.id)),
    sites: { 'https://acme.test': { domain: 'acme.test', accountIds: ['a2'], fillableIds: [] } },
  });

  it('draws the snapshot before the worker answers, then takes the answer', async () => {
    const { clock } = manualClock(at);
    const accounts = [meta('a1'), meta('a2')];
    let answer: (list: AccountCode[]) => void = () => undefined;
    const api: FakeWorker = {
      ...fakeApi(accounts),
      getCodes: () => new Promise<AccountCode[]>((resolve) => (answer = resolve)),
      loadSnapshot: async () => ({ snapshot: snapshotOf(accounts, at), siteKey: 'https://acme.test' }),
    };
    const state = createPopupState(clientOf(api), clock);
    const started = state.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state.phase.value.name).toBe('ready');
    expect(state.groups.value.thisSite.map((a) => a.id)).toEqual(['a2']);
    expect(state.codeFor('a1').value?.code).toBe('004000');

    answer(codesAt(at, ['a1', 'a2']).map((entry) => ({ ...entry, current: '999999' })));
    await started;
    expect(state.codeFor('a1').value?.code).toBe('999999');
    state.stop();
  });

  it('without a snapshot, draws the rows together with their first codes when these come in time', async () => {
    const { clock } = manualClock(5_000 * 30_000);
    const api = fakeApi([meta('a1'), meta('a2')]);
    let answerCodes: (list: AccountCode[]) => void = () => undefined;
    api.getCodes.mockImplementation(() => new Promise<AccountCode[]>((resolve) => (answerCodes = resolve)));
    const state = createPopupState(clientOf(api), clock);
    // What a row would show at the moment the rows are first drawn.
    let codeWhenDrawn: string | null | undefined;
    effect(() => {
      if (state.phase.value.name === 'ready' && codeWhenDrawn === undefined) codeWhenDrawn = state.codeFor('a1').peek()?.code ?? null;
    });
    const started = state.start();
    await vi.waitFor(() => expect(api.getCodes).toHaveBeenCalled());
    // The list is known and the codes asked for: nothing drawn yet.
    expect(state.phase.value.name).toBe('loading');

    answerCodes(codesAt(5_000 * 30_000, ['a1', 'a2']));
    await started;
    expect(codeWhenDrawn).toBe('005000');
    expect(state.firstCodesShown.value).toBe(true);
    state.stop();
  });

  it(`without a snapshot, draws the rows without their codes once these take longer than ${FIRST_CODES_WAIT_MS} ms`, async () => {
    const start = 5_000 * 30_000;
    const { clock, advanceTo } = manualClock(start);
    const api = fakeApi([meta('a1'), meta('a2')]);
    let answerCodes: (list: AccountCode[]) => void = () => undefined;
    api.getCodes.mockImplementation(() => new Promise<AccountCode[]>((resolve) => (answerCodes = resolve)));
    const state = createPopupState(clientOf(api), clock);
    const started = state.start();
    await vi.waitFor(() => expect(api.getCodes).toHaveBeenCalled());
    await advanceTo(start + FIRST_CODES_WAIT_MS - 1);
    expect(state.phase.value.name).toBe('loading');

    await advanceTo(start + FIRST_CODES_WAIT_MS);
    expect(state.phase.value.name).toBe('ready');
    expect(state.orderedIds.value).toEqual(['a1', 'a2']);
    expect(state.codeFor('a1').value).toBeNull();
    // The rest of the list and the icons wait for the codes (AccountList reads this).
    expect(state.firstCodesShown.value).toBe(false);

    answerCodes(codesAt(start + FIRST_CODES_WAIT_MS, ['a1', 'a2']));
    await started;
    expect(state.codeFor('a2').value?.code).toBe('005000');
    expect(state.firstCodesShown.value).toBe(true);
    state.stop();
  });

  it('without a snapshot, prepares the drawing once, right after asking for the first codes; with one, not at all', async () => {
    const { clock } = manualClock(5_000 * 30_000);
    const order: string[] = [];
    const api = fakeApi([meta('a1')]);
    api.getCodes.mockImplementation(async (when: number) => {
      order.push('getCodes');
      return codesAt(when, ['a1']);
    });
    const state = createPopupState({ ...clientOf(api), prepareDrawing: () => void order.push('prepareDrawing') }, clock);
    await state.start();
    expect(order).toEqual(['getCodes', 'prepareDrawing']);
    state.stop();

    const prepareDrawing = vi.fn();
    const withSnapshot = createPopupState(
      {
        ...clientOf({
          ...fakeApi([meta('a1')]),
          loadSnapshot: async () => ({ snapshot: snapshotOf([meta('a1')], at), siteKey: 'https://acme.test' }),
        }),
        prepareDrawing,
      },
      manualClock(at).clock,
    );
    await withSnapshot.start();
    expect(withSnapshot.phase.value.name).toBe('ready');
    expect(prepareDrawing).not.toHaveBeenCalled();
    withSnapshot.stop();
  });

  it('without a snapshot, draws nothing of the list when the first codes are refused (locked meanwhile)', async () => {
    const { clock } = manualClock(5_000 * 30_000);
    const api = fakeApi([meta('a1')]);
    api.getCodes.mockImplementation(async () => {
      throw new RemoteError({ name: 'VaultLockedError', code: 'locked', message: 'Locked' });
    });
    const state = createPopupState(clientOf(api), clock);
    const phases: string[] = [];
    effect(() => void phases.push(state.phase.value.name));
    await state.start();
    expect(state.phase.value.name).toBe('locked');
    expect(phases).not.toContain('ready');
  });

  it('after a lock and an unlock in the same popup, counts the first codes as shown only when they are in again', async () => {
    const { clock, advanceTo } = manualClock(5_000 * 30_000);
    const api = fakeApi([meta('a1')]);
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    expect(state.firstCodesShown.value).toBe(true);

    await state.lock();
    expect(state.phase.value.name).toBe('locked');
    expect(state.firstCodesShown.value).toBe(false);

    let answerCodes: (list: AccountCode[]) => void = () => undefined;
    api.getCodes.mockImplementation(() => new Promise<AccountCode[]>((resolve) => (answerCodes = resolve)));
    const unlocked = state.unlock('correct horse battery staple');
    await vi.waitFor(() => expect(api.getCodes).toHaveBeenCalledTimes(2));
    // Codes slower than the rows will wait for: the rows are drawn first.
    await advanceTo(5_000 * 30_000 + FIRST_CODES_WAIT_MS);
    expect(state.phase.value.name).toBe('ready');
    expect(state.firstCodesShown.value).toBe(false);
    answerCodes(codesAt(5_000 * 30_000, ['a1']));
    await unlocked;
    expect(state.firstCodesShown.value).toBe(true);
    state.stop();
  });

  it('counts the first codes as shown when the snapshot draws them, and when a vault has no time-based codes', async () => {
    const { clock } = manualClock(at);
    const accounts = [meta('a1')];
    const fromSnapshot = createPopupState(
      clientOf({
        ...fakeApi(accounts),
        getCodes: () => new Promise<AccountCode[]>(() => undefined),
        loadSnapshot: async () => ({ snapshot: snapshotOf(accounts, at), siteKey: 'https://acme.test' }),
      }),
      clock,
    );
    void fromSnapshot.start();
    await vi.waitFor(() => expect(fromSnapshot.phase.value.name).toBe('ready'));
    expect(fromSnapshot.firstCodesShown.value).toBe(true);
    fromSnapshot.stop();

    const onlyCounters = fakeApi([meta('h1')]);
    onlyCounters.getCodes.mockImplementation(async () => []);
    const counterState = createPopupState(clientOf(onlyCounters), clock);
    await counterState.start();
    expect(counterState.firstCodesShown.value).toBe(true);
    counterState.stop();
  });

  it('ignores a snapshot whose codes have expired and waits for the worker', async () => {
    const { clock } = manualClock(at);
    const accounts = [meta('a1')];
    const api: FakeWorker = {
      ...fakeApi(accounts),
      getCodes: () => new Promise<AccountCode[]>(() => undefined),
      loadSnapshot: async () => ({ snapshot: snapshotOf(accounts, at - 2 * 30_000), siteKey: 'https://acme.test' }),
    };
    const state = createPopupState(clientOf(api), clock);
    void state.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The rows come from the worker's list; no code shows until the worker's own.
    expect(state.orderedIds.value).toEqual(['a1']);
    expect(state.codeFor('a1').value).toBeNull();
    state.stop();
  });

  it('shows the unlock field, and nothing of the snapshot, when the worker says locked', async () => {
    const { clock } = manualClock(at);
    const accounts = [meta('a1')];
    const api: FakeWorker = {
      ...fakeApi(accounts),
      getVaultStatus: async () => ({ state: 'locked', mode: 'passphrase' }),
      loadSnapshot: async () => ({ snapshot: snapshotOf(accounts, at), siteKey: 'https://acme.test' }),
    };
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    expect(state.phase.value.name).toBe('locked');
    expect(state.groups.value.others).toEqual([]);
    expect(state.codeFor('a1').value).toBeNull();
    state.stop();
  });

  it('remembers the row after a deleted one, or the one before when it was last, for focus after Undo runs out', async () => {
    const accounts = [meta('a1'), meta('a2'), meta('a3')];
    const { clock } = manualClock(0);
    const state = createPopupState(clientOf(fakeApi(accounts)), clock);
    await state.start();
    await state.deleteAccount('a2');
    expect(state.pendingUndo.value?.neighbourId).toBe('a3');
    await state.deleteAccount('a3');
    expect(state.pendingUndo.value?.neighbourId).toBe('a1');
    expect(await state.undoDelete()).toBe('a3');
    state.stop();
  });

  it('lets a status message go after its lifetime, and at once when another screen opens', async () => {
    const { clock, advanceTo } = manualClock(0);
    const state = createPopupState(clientOf(fakeApi([meta('a1')])), clock);
    await state.start();
    await state.copy('a1');
    expect(state.announcement.value?.text).toMatch(/^Copied the code for Issuer a1/);
    await advanceTo(ANNOUNCEMENT_MS - 1);
    expect(state.announcement.value).not.toBeNull();
    await advanceTo(ANNOUNCEMENT_MS + 1);
    expect(state.announcement.value).toBeNull();

    await state.copy('a1');
    state.view.value = { name: 'edit', id: 'a1' };
    expect(state.announcement.value).toBeNull();
    state.stop();
  });

  it('goes back to the list from any sub-view', async () => {
    const { clock } = manualClock(0);
    const state = createPopupState(clientOf(fakeApi([meta('a1')])), clock);
    await state.start();
    state.view.value = { name: 'settings' };
    state.back();
    expect(state.view.value).toEqual({ name: 'list' });
    state.stop();
  });

  it('shows again the HOTP code shown last (as the worker recomputes it) without asking for a new one', async () => {
    const { clock } = manualClock(0);
    const api = fakeApi([meta('h1', { kind: 'hotp', counter: 2, hotpShown: true }), meta('h2', { kind: 'hotp', counter: 0 })]);
    const next = vi.spyOn(api, 'nextHotpCode');
    const state = createPopupState(clientOf(api), clock);
    await state.start();
    await vi.waitFor(() => expect(state.hotpCodes.value.get('h1')).toBe('287082'));
    expect(state.hotpCodes.value.has('h2')).toBe(false);
    expect(next).not.toHaveBeenCalled();
    state.stop();
  });
});
