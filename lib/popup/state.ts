/**
 * The popup's single source of truth: read-only signals plus the actions that change
 * them. Everything the browser provides comes in through `PopupApi` and `Clock`, so the
 * whole state machine runs in tests with a fixed clock and a fake worker.
 */
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { accountLabel } from '../accounts';
import type { SerializedError } from '../errors';
import { describeError, messageOf } from '../error-text';
import { formatDuration, t } from '../i18n';
import type { AccountPatch, ActiveSiteReply, AddAccountReply, AddAccountRequest, Client, ReplyOf } from '../contract';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { NO_POLICY, type ManagedPolicy } from '../policy';
import type { AccountCode, AccountCodeFailure, AccountMeta } from '../vault';
import type { ServiceIconLookup } from '../service-icons';
import { displayedCode, nextRefreshAt, type DisplayedCode } from './codes';
import { createCaptureState, type CaptureClient } from './capture';
import { createEnrollmentState, type EnrollmentClient } from './enrollment';
import { groupAccounts, groupNames, ROWS_AT_FIRST_PAINT, type ListGroups } from './list';
import { startFromSnapshot, type PopupSnapshot } from './snapshot';
import type { ManageSectionId, View } from './view';

export type { View } from './view';

/** What the popup may ask the worker: a slice of the derived `Client`. */
export type PopupClient = Pick<
  Client,
  | 'getVaultStatus'
  | 'unlockVault'
  | 'lockVault'
  | 'listAccounts'
  | 'getCodes'
  | 'addAccount'
  | 'updateAccount'
  | 'deleteAccount'
  | 'undoDeleteAccount'
  | 'reorderAccounts'
  | 'nextHotpCode'
  | 'lastHotpCode'
  | 'markAccountUsed'
  | 'scheduleClipboardClear'
  | 'fillCode'
  | 'getActiveSite'
>;

/**
 * What the popup needs besides the worker, bound by its entry to `lib/platform` (tests pass
 * plain functions). Tab-taking messages already act for the popup's tab (`actingForTab`).
 */
export interface PopupDeps extends PopupClient {
  writeClipboard(text: string): Promise<void>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  /** What the worker last showed a popup, and this page's key into it (see `lib/popup/snapshot.ts`). */
  loadSnapshot?(): Promise<{ snapshot: PopupSnapshot | null; siteKey: string }>;
  /** QR capture for the page the popup acts for (absent where there is no page, e.g. tests). */
  capture?: CaptureClient;
  /** Two-step enrollment: the pending phone part of an account (absent in tests that need none). */
  enrollment?: EnrollmentClient;
  /** Permissions asked from a click in the settings (the browser asks only from a user gesture). */
  requestClipboardRead?(): Promise<boolean>;
  requestInPageButtonPermission?(): Promise<boolean>;
  removeInPageButtonPermission?(): Promise<void>;
  openManagePage?(section?: ManageSectionId): Promise<void>;
  /** The browser's cached favicon for a page (no network request), or null. */
  faviconUrl?(pageUrl: string): string | null;
  /**
   * Work the first drawing of the rows needs anyway (the formatters: lib/i18n `prepareFormatting`),
   * done while the popup waits for the first codes with nothing to draw.
   */
  prepareDrawing?(): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type Phase =
  | { name: 'loading' }
  | { name: 'ready' }
  | { name: 'locked' }
  | { name: 'failed'; error: SerializedError };

export interface PendingUndo {
  undoToken: string;
  label: string;
  expiresAt: number;
  /** The row shown after the deleted one (or before it, if it was last): where focus goes when Undo is gone. */
  neighbourId: string | null;
}

export const UNDO_WINDOW_MS = 8000;

/**
 * Without a snapshot, how long the rows wait for the first screen's codes so both are drawn at
 * once (`showFirstScreen`): the worker answers in ~10–30 ms once it is running; one drawing of the
 * rows in a browser that has just started takes about as long as this.
 */
export const FIRST_CODES_WAIT_MS = 100;

/** How long a status message stays: long enough to read twice, short enough not to linger over the next task. */
export const ANNOUNCEMENT_MS = 6000;

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createPopupState(api: PopupDeps, clock: Clock = systemClock) {
  const phase = signal<Phase>({ name: 'loading' });
  const accounts = signal<AccountMeta[]>([]);
  const codes = signal<ReadonlyMap<string, AccountCode>>(new Map());
  const unreadable = signal<ReadonlySet<string>>(new Set());
  const hotpCodes = signal<ReadonlyMap<string, string>>(new Map());
  const revealed = signal<ReadonlySet<string>>(new Set());
  const now = signal(clock.now());
  const query = signal('');
  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const vaultMode = signal<'device' | 'passphrase'>('device');
  /** What the organisation manages, as the worker reported it (the worker enforces it). */
  const policy = signal<ManagedPolicy>(NO_POLICY);
  const activeSite = signal<ActiveSiteReply>({ domain: null, accountIds: [], fillableIds: [] });
  const thisSiteIds = computed(() => new Set(activeSite.value.accountIds));
  const fillableIds = computed(() => new Set(activeSite.value.fillableIds));
  const view = signal<View>({ name: 'list' });
  const announcement = signal<{ text: string; at: number } | null>(null);
  const copiedId = signal<string | null>(null);
  /** Finds an account's service icon; null until the icon chunk has loaded (rows show letter tiles until then). */
  const serviceIcons = signal<ServiceIconLookup | null>(null);
  /**
   * The first codes are on screen (from the snapshot or the worker). What the list does after
   * its first paint (the rest of the rows, the service icons) waits for this: without a snapshot
   * the rows are drawn before their codes, and that work would hold up the codes' drawing.
   */
  const firstCodesShown = signal(false);
  let serviceIconsAsked = false;
  const pendingUndo = signal<PendingUndo | null>(null);

  /** The user's groups, from the accounts (a group exists while some account is in it). */
  const accountGroups = computed(() => groupNames(accounts.value));
  /** The chosen filter, while its group still exists; otherwise all accounts. */
  const groupFilter = computed(() => {
    const chosen = settings.value.groupFilter;
    return chosen !== null && accountGroups.value.includes(chosen) ? chosen : null;
  });
  const groups: ReadonlySignal<ListGroups> = computed(() =>
    groupAccounts(accounts.value, query.value, settings.value.sortOrder, thisSiteIds.value, groupFilter.value),
  );
  const orderedIds = computed(() => [...groups.value.thisSite, ...groups.value.others].map((a) => a.id));
  const hasAccounts = computed(() => accounts.value.length > 0);

  let tickHandle: unknown = null;
  let refreshHandle: unknown = null;
  let undoHandle: unknown = null;
  let announcementHandle: unknown = null;
  let stopped = false;

  function announce(text: string): void {
    if (announcementHandle !== null) clock.clearTimeout(announcementHandle);
    announcement.value = { text, at: clock.now() };
    announcementHandle = clock.setTimeout(() => {
      announcementHandle = null;
      announcement.value = null;
    }, ANNOUNCEMENT_MS);
  }

  // A message about the list ("Copied the code for GitHub") means nothing on the next screen.
  let shownView = view.peek().name;
  effect(() => {
    const name = view.value.name;
    if (name !== shownView && name !== 'list') announcement.value = null;
    shownView = name;
  });

  /** Ticks on whole seconds so every countdown changes together. */
  function scheduleTick(): void {
    const current = clock.now();
    tickHandle = clock.setTimeout(() => {
      if (stopped) return;
      now.value = clock.now();
      scheduleTick();
    }, 1000 - (current % 1000));
  }

  async function refreshCodes(): Promise<void> {
    const at = clock.now();
    const list = await api.getCodes({ at });
    if (stopped) return;
    showCodes(list);
    scheduleRefresh();
  }

  function showCodes(list: Array<AccountCode | AccountCodeFailure>): void {
    batch(() => {
      codes.value = new Map(list.flatMap((entry) => ('error' in entry ? [] : [[entry.id, entry] as const])));
      unreadable.value = new Set(list.flatMap((entry) => ('error' in entry ? [entry.id] : [])));
      firstCodesShown.value = true;
    });
  }

  /**
   * Draws the worker's last snapshot while its fresh answer is on the way (or the worker is
   * still waking): the answer then replaces it. Skipped unless the snapshot is complete and
   * valid now, so what shows first is never wrong, only possibly a few ms old.
   */
  async function drawSnapshot(settingsLoaded: Promise<Settings>): Promise<void> {
    const stored = await api.loadSnapshot?.().catch(() => null);
    const early = stored ? startFromSnapshot(stored.snapshot, stored.siteKey, clock.now()) : null;
    if (!early || stopped || phase.value.name !== 'loading') return;
    const loaded = await settingsLoaded.catch(() => null);
    if (!loaded || stopped || phase.value.name !== 'loading') return;
    batch(() => {
      settings.value = loaded;
      accounts.value = early.accounts;
      activeSite.value = early.site;
      if (codes.value.size === 0 && unreadable.value.size === 0) showCodes(early.codes);
      phase.value = { name: 'ready' };
    });
  }

  /**
   * No snapshot (first open after a browser start or an unlock; the list is known, nothing is
   * drawn yet): the codes on the first screen are asked for alone (for a large vault the worker
   * has every key still to decrypt), then everything else. The rows wait for those codes, up to
   * FIRST_CODES_WAIT_MS, so that rows and codes are drawn in one go: in a browser that has just
   * started one drawing of the rows takes ~100 ms, and a reply arriving meanwhile waited behind it
   * and then cost a second drawing (`npm run bench`, restart case). Codes slower than that find
   * the rows drawn, showing `…` until they arrive.
   */
  async function showFirstScreen(): Promise<void> {
    const firstScreen = orderedIds.value.slice(0, ROWS_AT_FIRST_PAINT);
    const partial = firstScreen.length < accounts.value.length;
    const firstCodes = api.getCodes(partial ? { at: clock.now(), ids: firstScreen } : { at: clock.now() });
    // Now, not earlier: the worker's first answers often arrive while the modules load, and work
    // done before this request would only hold it up; done now, it overlaps the worker's reply.
    api.prepareDrawing?.();
    const settled = firstCodes.then(
      (list) => ({ list }),
      (error: unknown) => ({ error }),
    );
    let waitHandle: unknown = null;
    const arrived = await Promise.race([
      settled,
      new Promise<null>((resolve) => (waitHandle = clock.setTimeout(() => resolve(null), FIRST_CODES_WAIT_MS))),
    ]);
    clock.clearTimeout(waitHandle);
    // Failed (locked meanwhile, say): no rows are drawn, `start` shows what the failure means.
    if (arrived && 'error' in arrived) throw arrived.error;
    // Locked meanwhile (the status said so) or closed: nothing to draw.
    if (stopped || phase.peek().name !== 'loading') return;
    batch(() => {
      if (arrived) showCodes(arrived.list);
      phase.value = { name: 'ready' };
    });
    if (!arrived) {
      const later = await firstCodes;
      if (stopped || phase.peek().name !== 'ready') return;
      showCodes(later);
    }
    // The whole list's codes (from then on refreshed as each step ends).
    if (partial) await refreshCodes();
    else scheduleRefresh();
  }

  /** Fetches the following codes as soon as a step ends: its successor is already shown. */
  function scheduleRefresh(): void {
    if (refreshHandle !== null) clock.clearTimeout(refreshHandle);
    refreshHandle = null;
    const due = nextRefreshAt(codes.value.values());
    if (due === null) return;
    refreshHandle = clock.setTimeout(() => {
      refreshHandle = null;
      if (!stopped) void refreshCodes().catch(fail);
    }, Math.max(0, due - clock.now()));
  }

  function fail(error: unknown): void {
    const serialized = describeError(error);
    // Locked (by the timer, or from another window): show the unlock field, drop everything shown.
    if (serialized.code === 'locked') return showLocked();
    phase.value = { name: 'failed', error: serialized };
  }

  function showLocked(): void {
    batch(() => {
      accounts.value = [];
      codes.value = new Map();
      unreadable.value = new Set();
      // After an unlock the rows are drawn before their codes again: the after-paint work waits anew.
      firstCodesShown.value = false;
      hotpCodes.value = new Map();
      query.value = '';
      announcement.value = null;
      pendingUndo.value = null;
      copiedId.value = null;
      view.value = { name: 'list' };
      phase.value = { name: 'locked' };
    });
  }

  async function reloadAccounts(): Promise<void> {
    const [list, site] = await Promise.all([
      api.listAccounts(),
      api.getActiveSite({}).catch((): ActiveSiteReply => ({ domain: null, accountIds: [], fillableIds: [] })),
      refreshCodes(),
    ]);
    batch(() => {
      accounts.value = list;
      activeSite.value = site;
    });
  }

  /**
   * Right after an enrollment QR code was added on this page, the page usually asks for the
   * first code: offer to fill it, if the account is bound here (the worker re-checks).
   */
  const fillOffer = signal<{ id: string; label: string } | null>(null);
  function offerFill(accountId: string): void {
    const account = accounts.value.find((a) => a.id === accountId);
    if (account && fillableIds.value.has(accountId)) fillOffer.value = { id: accountId, label: accountLabel(account) };
  }
  async function acceptFillOffer(): Promise<void> {
    const offer = fillOffer.value;
    fillOffer.value = null;
    if (offer) await fill(offer.id);
  }

  const enrollment = createEnrollmentState(api.enrollment, {
    view,
    announce,
    reloadAccounts,
    writeClipboard: (text) => api.writeClipboard(text),
    scheduleClipboardClear: (copied) => api.scheduleClipboardClear({ copied }),
    label: (id) => {
      const account = findAccount(id);
      return account ? accountLabel(account) : t('common_unnamed_account');
    },
  });
  const capture = createCaptureState(api.capture, {
    view,
    announce,
    reloadAccounts,
    offerFill,
    openEnrollment: (id) => void enrollment.open(id),
  });

  async function start(): Promise<void> {
    stopped = false;
    scheduleTick();
    try {
      // Everything is asked at once for speed; a locked vault answers the status and refuses the rest.
      const settingsLoaded = api.loadSettings();
      // The status goes out first, alone: on a stopped worker it is what starts it (and opens the
      // vault), which then overlaps the snapshot read instead of following it.
      const statusAsked = api.getVaultStatus();
      statusAsked.catch(() => undefined); // handled below; not reported as unhandled meanwhile
      // The snapshot next: asked alone it takes a millisecond or two, while the worker's other
      // answers would compete with it for the browser; those answers then refresh what is shown.
      await drawSnapshot(settingsLoaded);
      const drawnFromSnapshot = phase.value.name === 'ready';
      const results = await Promise.allSettled([
        settingsLoaded,
        api.listAccounts(),
        api.getActiveSite({}).catch((): ActiveSiteReply => ({ domain: null, accountIds: [], fillableIds: [] })),
        // Without a snapshot the codes wait for the list: see `showFirstScreen`.
        drawnFromSnapshot ? refreshCodes() : undefined,
      ]);
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) {
        // Locked, or a passphrase the organisation requires first: the status says which, with the policy to show.
        const status = await statusAsked.catch(() => null);
        if (status) applyStatus(status);
        if (status?.state === 'locked') return showLocked();
        throw failure.reason;
      }
      const [loadedSettings, list, site] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
        Settings,
        AccountMeta[],
        ActiveSiteReply,
      ];
      batch(() => {
        settings.value = loadedSettings;
        accounts.value = list;
        activeSite.value = site;
        // Without a snapshot the rows are drawn with their first codes (`showFirstScreen`).
        if (drawnFromSnapshot) phase.value = { name: 'ready' };
      });
      // The rows do not wait for the status (lock mode, policy): on a cold worker it comes last.
      await Promise.all([
        statusAsked.then((status) => {
          applyStatus(status);
          if (status.state === 'locked') showLocked();
        }),
        drawnFromSnapshot ? undefined : showFirstScreen(),
      ]);
      void showLastHotpCodes(accounts.value);
      // After the codes: findings left by the context menu or the shortcut open the review.
      void capture.loadPending();
    } catch (error) {
      fail(error);
    }
  }

  function applyStatus(status: ReplyOf<'getVaultStatus'>): void {
    vaultMode.value = status.mode;
    policy.value = status.policy ?? NO_POLICY;
  }

  function stop(): void {
    stopped = true;
    for (const handle of [tickHandle, refreshHandle, undoHandle, announcementHandle]) if (handle !== null) clock.clearTimeout(handle);
  }

  function codeFor(id: string): ReadonlySignal<DisplayedCode | null> {
    return computed(() => displayedCode(codes.value.get(id), now.value));
  }

  function findAccount(id: string): AccountMeta | undefined {
    return accounts.value.find((a) => a.id === id);
  }

  /**
   * HOTP codes survive the popup closing: the worker recomputes the one it gave last (nothing is
   * stored), so reopening never burns a counter just to see the code again.
   */
  async function showLastHotpCodes(list: readonly AccountMeta[]): Promise<void> {
    const shown = list.filter((a) => a.kind === 'hotp' && a.hotpShown && !hotpCodes.value.has(a.id));
    const found = await Promise.all(shown.map((a) => api.lastHotpCode({ id: a.id }).then((last) => [a.id, last] as const, () => [a.id, null] as const)));
    const known = found.filter((entry): entry is readonly [string, { code: string; counter: number }] => entry[1] !== null);
    if (known.length === 0 || stopped) return;
    const next = new Map(hotpCodes.value);
    for (const [id, last] of known) next.set(id, last.code);
    hotpCodes.value = next;
  }

  async function hotpCode(id: string): Promise<string> {
    const { code, counter } = await api.nextHotpCode({ id });
    batch(() => {
      hotpCodes.value = new Map(hotpCodes.value).set(id, code);
      // What Edit shows as the next counter follows the one just used.
      accounts.value = accounts.value.map((a) => (a.id === id ? { ...a, counter: counter + 1, hotpShown: true } : a));
    });
    return code;
  }

  /** Copies what the row shows right now (an HOTP row with no code yet gets its next one). */
  async function copy(id: string): Promise<void> {
    const account = findAccount(id);
    if (!account) return;
    try {
      let code: string | undefined;
      if (account.kind === 'hotp') {
        code = hotpCodes.value.get(id) ?? (await hotpCode(id));
      } else {
        now.value = clock.now();
        code = displayedCode(codes.value.get(id), now.value)?.code;
      }
      if (!code) {
        announce(t('announce_code_loading'));
        return;
      }
      await api.writeClipboard(code);
      revealed.value = new Set(revealed.value).add(id);
      copiedId.value = id;
      const { clearAt } = await api.scheduleClipboardClear({ copied: code });
      announce(
        clearAt
          ? t('announce_copied_clears', accountLabel(account), formatDuration(Math.round((clearAt - clock.now()) / 1000), 'second'))
          : t('announce_copied', accountLabel(account)),
      );
      void api.markAccountUsed({ id }).catch(() => undefined);
    } catch (error) {
      announce(t('announce_copy_failed', messageOf(error)));
    }
  }

  /**
   * Fills the code into the page (the worker checks the binding and finds the field) and,
   * for Enter on a row, copies the same code too.
   */
  async function fill(id: string, options: { alsoCopy?: boolean } = {}): Promise<void> {
    const account = findAccount(id);
    if (!account) return;
    try {
      const { code } = await api.fillCode({ id });
      if (account.kind === 'hotp') hotpCodes.value = new Map(hotpCodes.value).set(id, code);
      revealed.value = new Set(revealed.value).add(id);
      copiedId.value = id;
      if (options.alsoCopy) {
        await api.writeClipboard(code);
        await api.scheduleClipboardClear({ copied: code });
      }
      announce(t(options.alsoCopy ? 'announce_filled_copied' : 'announce_filled', accountLabel(account)));
    } catch (error) {
      announce(messageOf(error));
    }
  }

  async function nextHotp(id: string): Promise<void> {
    try {
      await hotpCode(id);
      revealed.value = new Set(revealed.value).add(id);
    } catch (error) {
      announce(t('announce_next_failed', messageOf(error)));
    }
  }

  async function addAccount(request: AddAccountRequest): Promise<AddAccountReply> {
    const reply = await api.addAccount(request);
    if (reply.status !== 'conflict') {
      await reloadAccounts();
      announce(
        reply.status === 'added'
          ? t('announce_added', accountLabel(reply.account))
          : t('announce_already_there', accountLabel(reply.account)),
      );
    }
    return reply;
  }

  async function updateAccount(id: string, patch: AccountPatch): Promise<AccountMeta> {
    const updated = await api.updateAccount({ id, patch });
    batch(() => {
      accounts.value = accounts.value.map((a) => (a.id === id ? updated : a));
      // A corrected counter: the code shown belongs to the old one.
      if (patch.counter !== undefined && !updated.hotpShown && hotpCodes.value.has(id)) {
        const next = new Map(hotpCodes.value);
        next.delete(id);
        hotpCodes.value = next;
      }
    });
    return updated;
  }

  async function togglePin(id: string): Promise<void> {
    const account = findAccount(id);
    if (!account) return;
    await updateAccount(id, { pinned: !account.pinned });
    announce(t(account.pinned ? 'announce_unpinned' : 'announce_pinned', accountLabel(account)));
  }

  async function deleteAccount(id: string): Promise<void> {
    const account = findAccount(id);
    if (!account) return;
    const { undoToken } = await api.deleteAccount({ id });
    if (undoHandle !== null) clock.clearTimeout(undoHandle);
    const shown = orderedIds.value;
    const position = shown.indexOf(id);
    const neighbourId = shown[position + 1] ?? shown[position - 1] ?? null;
    batch(() => {
      accounts.value = accounts.value.filter((a) => a.id !== id);
      pendingUndo.value = {
        undoToken,
        label: accountLabel(account),
        expiresAt: clock.now() + UNDO_WINDOW_MS,
        neighbourId,
      };
      view.value = { name: 'list' };
    });
    announce(t('announce_deleted', accountLabel(account)));
    undoHandle = clock.setTimeout(() => {
      undoHandle = null;
      pendingUndo.value = null;
    }, UNDO_WINDOW_MS);
  }

  /** Restores the last deleted account; replies with its id (null when nothing came back). */
  async function undoDelete(): Promise<string | null> {
    const pending = pendingUndo.value;
    if (!pending) return null;
    if (undoHandle !== null) clock.clearTimeout(undoHandle);
    undoHandle = null;
    pendingUndo.value = null;
    try {
      const restored = await api.undoDeleteAccount({ undoToken: pending.undoToken });
      await reloadAccounts();
      announce(t('announce_restored', pending.label));
      return restored.id;
    } catch (error) {
      announce(t('announce_restore_failed', messageOf(error)));
      return null;
    }
  }

  /** Moves an account within the manual order (pinned accounts stay in their own block). */
  async function move(id: string, toIndex: number): Promise<void> {
    const ordered = [...accounts.value].sort((a, b) => a.order - b.order);
    const from = ordered.findIndex((a) => a.id === id);
    if (from < 0) return;
    const target = Math.max(0, Math.min(ordered.length - 1, toIndex));
    if (target === from) return;
    const [moved] = ordered.splice(from, 1);
    ordered.splice(target, 0, moved!);
    const ids = ordered.map((a) => a.id);
    accounts.value = ordered.map((a, index) => ({ ...a, order: index }));
    await api.reorderAccounts({ ids });
    announce(t('announce_moved', accountLabel(moved!), target + 1, ids.length));
  }

  /** Moves an account one place up or down among the rows as they are shown. */
  async function moveBy(id: string, delta: -1 | 1): Promise<void> {
    const ordered = [...accounts.value].sort((a, b) => a.order - b.order);
    const shown = groups.value.others.filter((a) => a.pinned === findAccount(id)?.pinned);
    const position = shown.findIndex((a) => a.id === id);
    const neighbour = shown[position + delta];
    if (position < 0 || !neighbour) return;
    await move(id, ordered.findIndex((a) => a.id === neighbour.id));
  }

  /** Unlocks with the passphrase, then loads everything as on a fresh open. */
  async function unlock(passphrase: string): Promise<void> {
    await api.unlockVault({ passphrase });
    phase.value = { name: 'loading' };
    stop();
    await start();
  }

  async function lock(): Promise<void> {
    await api.lockVault();
    showLocked();
  }

  async function changeSettings(patch: Partial<Settings>): Promise<void> {
    settings.value = await api.saveSettings(patch);
  }

  /** Filters the list to one group (null: all); kept in the settings so the next popup opens the same way. */
  async function filterByGroup(name: string | null): Promise<void> {
    // Shown at once; the stored copy follows.
    settings.value = { ...settings.value, groupFilter: name };
    await changeSettings({ groupFilter: name }).catch(() => undefined);
  }

  /** Back to the list from any sub-view (Back, Escape); leaving a capture review drops its findings. */
  function back(): void {
    if (view.value.name === 'capture') capture.close();
    else view.value = { name: 'list' };
  }

  /**
   * Loads the offline service icons in their own chunk, once, after the first rows are drawn:
   * never part of the first paint. A failure leaves the letter tiles, which are complete on their own.
   */
  function loadServiceIcons(): void {
    if (serviceIconsAsked) return;
    serviceIconsAsked = true;
    void import('../service-icons')
      .then((module) => module.loadServiceIconLookup())
      .then((lookup) => {
        if (!stopped) serviceIcons.value = lookup;
      })
      .catch(() => undefined);
  }

  function reveal(id: string): void {
    revealed.value = new Set(revealed.value).add(id);
  }

  return {
    phase: phase as ReadonlySignal<Phase>,
    accounts: accounts as ReadonlySignal<AccountMeta[]>,
    groups,
    orderedIds,
    hasAccounts,
    accountGroups,
    groupFilter,
    filterByGroup,
    now: now as ReadonlySignal<number>,
    hotpCodes: hotpCodes as ReadonlySignal<ReadonlyMap<string, string>>,
    /** Accounts whose secret cannot be decrypted: shown as such, never silently dropped. */
    unreadable: unreadable as ReadonlySignal<ReadonlySet<string>>,
    revealed: revealed as ReadonlySignal<ReadonlySet<string>>,
    query,
    view,
    settings: settings as ReadonlySignal<Settings>,
    activeSite: activeSite as ReadonlySignal<ActiveSiteReply>,
    announcement: announcement as ReadonlySignal<{ text: string; at: number } | null>,
    copiedId: copiedId as ReadonlySignal<string | null>,
    pendingUndo: pendingUndo as ReadonlySignal<PendingUndo | null>,
    start,
    stop,
    codeFor,
    findAccount,
    copy,
    fill,
    nextHotp,
    /** Accounts allowed to fill on the exact page the popup acts for: these offer Fill. */
    fillableIds: fillableIds as ReadonlySignal<ReadonlySet<string>>,
    fillOffer: fillOffer as ReadonlySignal<{ id: string; label: string } | null>,
    acceptFillOffer,
    dismissFillOffer: () => void (fillOffer.value = null),
    addAccount,
    updateAccount,
    togglePin,
    deleteAccount,
    undoDelete,
    move,
    moveBy,
    changeSettings,
    unlock,
    lock,
    vaultMode: vaultMode as ReadonlySignal<'device' | 'passphrase'>,
    policy: policy as ReadonlySignal<ManagedPolicy>,
    reveal,
    serviceIcons: serviceIcons as ReadonlySignal<ServiceIconLookup | null>,
    firstCodesShown: firstCodesShown as ReadonlySignal<boolean>,
    loadServiceIcons,
    back,
    announce,
    capture,
    enrollment,
    /** Asked inside the click that turns clipboard clearing on; false when refused or unavailable. */
    requestClipboardRead: async () => (await api.requestClipboardRead?.().catch(() => false)) ?? false,
    /** Asked inside the click that turns the in-page button on. */
    requestInPageButtonPermission: async () => (await api.requestInPageButtonPermission?.().catch(() => false)) ?? false,
    /** Turning the button off gives the host permission back. */
    removeInPageButtonPermission: async () => api.removeInPageButtonPermission?.(),
    /** The manage page, at one of its sections when given. */
    openManagePage: async (section?: ManageSectionId) => api.openManagePage?.(section),
    faviconUrl: (pageUrl: string) => api.faviconUrl?.(pageUrl) ?? null,
  };
}

export type PopupState = ReturnType<typeof createPopupState>;
