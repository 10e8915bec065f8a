/**
 * The worker's half of the optional in-page button: whether it may exist (its content script is
 * registered only then), whether this frame's site has accounts, and, after a click the content
 * script has checked, one code for exactly that frame. The frame, tab and origin come from the
 * browser's `sender`; the reply never names an account.
 */
import { inPageButtonAllowed, type InPageButtonFacts, inPageSender, type InPageFillReply, type SenderInfo } from '../in-page';
import { policyDisablesInPageButton } from '../policy';
import {
  hasInPageButtonPermission,
  IN_PAGE_ORIGINS,
  isActiveTab,
  isContentScriptRegistered,
  loadSettings,
  onPermissionsChanged,
  openPopup,
  readSession,
  registerContentScript,
  saveSettings,
  unregisterContentScript,
  watchSettings,
  writeSession,
} from '../platform';
import { accountsForOrigin } from '../sites';
import type { Vault } from '../vault';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { codeToFill } from './fill';
import { enforcedPolicy } from './policy';

const IN_PAGE_SCRIPT_ID = 'tessera-in-page-button';
const IN_PAGE_SCRIPT_FILE = 'in-page-button.js';

export function inPageHandlers({ vault, now = Date.now }: WorkerDeps): Pick<Handlers, 'getInPageOffer' | 'requestInPageFill'> {
  const deps: InPageDeps = { allowed: isInPageButtonAllowed, isActiveTab, openPopup, vault: () => vault(), now, admitCode: admitInPageCode };
  return {
    getInPageOffer: async (_, _context, sender) => inPageOffer(sender, deps),
    requestInPageFill: async (_, _context, sender) => inPageFill(sender, deps),
  };
}

export interface InPageDeps {
  /** Setting, host permission and policy, decided in one place (`isInPageButtonAllowed`). */
  allowed(): Promise<boolean>;
  isActiveTab(tabId: number): Promise<boolean>;
  /** Opens the toolbar popup; false where the browser does not allow it. */
  openPopup(): Promise<boolean>;
  /** The open vault; throws while locked. */
  vault(): Promise<Vault>;
  now(): number;
  /** Whether one more code may go to the button now (`createCodeRequestLimiter`); counts it if so. */
  admitCode(now: number): Promise<boolean>;
}

/**
 * Codes the button hands out per sliding window, all sites together: a person logs in once, a
 * script on a bound origin asking in a loop is cut off (the popup still fills as usual).
 */
export const IN_PAGE_CODE_LIMIT = { count: 3, windowMs: 60_000 } as const;

/** Where the times of recent codes are kept: storage.session in the worker, so a restart forgets nothing. */
interface CodeRequestStore {
  load(): Promise<number[]>;
  save(times: number[]): Promise<void>;
}

/**
 * One request at a time through load → decide → save, so concurrent requests cannot all read
 * the same count (a second worker instance is not possible in MV3).
 */
export function createCodeRequestLimiter(store: CodeRequestStore): (now: number) => Promise<boolean> {
  let queue: Promise<unknown> = Promise.resolve();
  return (now) => {
    const turn = queue.then(async () => {
      const recent = (await store.load()).filter((at) => at > now - IN_PAGE_CODE_LIMIT.windowMs && at <= now);
      if (recent.length >= IN_PAGE_CODE_LIMIT.count) return false;
      await store.save([...recent, now]);
      return true;
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
}

const CODE_REQUESTS_KEY = 'in-page:code-requests';

/**
 * The button's code allowance, one instance per worker (its queue serializes requests); the
 * times live in storage.session so a worker restarted between requests still counts them.
 */
const admitInPageCode = createCodeRequestLimiter({
  load: async () => {
    const stored = await readSession(CODE_REQUESTS_KEY);
    return Array.isArray(stored) ? stored.filter((at): at is number => typeof at === 'number') : [];
  },
  save: async (times) => writeSession(CODE_REQUESTS_KEY, times),
});

/** Only "yes" or "no": neither names nor a count reach the page's process. */
export async function inPageOffer(sender: SenderInfo, deps: InPageDeps): Promise<{ offer: boolean }> {
  if (!(await deps.allowed())) return { offer: false };
  const from = inPageSender(sender);
  if (!from.ok) return { offer: false };
  try {
    const accounts = await (await deps.vault()).list();
    return { offer: accountsForOrigin(accounts, from.origin).length > 0 };
  } catch {
    // Locked: nothing is known about the accounts, so nothing is offered.
    return { offer: false };
  }
}

/**
 * Checks the sender again (top frame, https, bound, tab in front). One bound TOTP/Steam account:
 * its current code, for that frame only, within `IN_PAGE_CODE_LIMIT`. Several, a counter-based
 * account (each code spends a counter step, so a page must not be able to ask for them), or a
 * vault locked since: the popup, where the person chooses or unlocks. Anything else: nothing.
 */
export async function inPageFill(sender: SenderInfo, deps: InPageDeps): Promise<InPageFillReply> {
  if (!(await deps.allowed())) return { status: 'refused' };
  const from = inPageSender(sender);
  if (!from.ok) return { status: 'refused' };
  if (!(await deps.isActiveTab(from.tabId))) return { status: 'refused' };
  const popup = async (): Promise<InPageFillReply> => ((await deps.openPopup()) ? { status: 'popup-opened' } : { status: 'open-popup' });
  let vault: Vault;
  try {
    vault = await deps.vault();
  } catch {
    return popup();
  }
  const matches = accountsForOrigin(await vault.list(), from.origin);
  if (matches.length === 0) return { status: 'refused' };
  if (matches.length > 1) return popup();
  const account = matches[0]!.account;
  if (account.kind === 'hotp') return popup();
  if (!(await deps.admitCode(deps.now()))) return { status: 'refused' };
  const code = await codeToFill(vault, account, deps.now());
  await vault.markUsed(account.id);
  return { status: 'code', code, submit: account.submitAfterFill === true };
}

/**
 * THE place that decides whether the button may exist: the worker registers the script and
 * answers its messages only when this is true (the user's setting, the host permission, and no
 * managed policy turning it or autofill off).
 */
async function isInPageButtonAllowed(): Promise<boolean> {
  return inPageButtonAllowed(await inPageButtonFacts());
}

async function inPageButtonFacts(): Promise<InPageButtonFacts> {
  const [settings, hostPermission, policy] = await Promise.all([loadSettings(), hasInPageButtonPermission(), enforcedPolicy()]);
  return { setting: settings.inPageButton, hostPermission, policyDisabled: policyDisablesInPageButton(policy) };
}

async function reconcile(): Promise<void> {
  let facts = await inPageButtonFacts();
  // A setting left on after the permission went away (revoked in the browser's settings) is
  // turned off, so the popup shows what is true.
  if (facts.setting && !facts.hostPermission) {
    await saveSettings({ inPageButton: false });
    facts = { ...facts, setting: false };
  }
  const allowed = inPageButtonAllowed(facts);
  const registered = await isContentScriptRegistered(IN_PAGE_SCRIPT_ID);
  if (allowed && !registered) await registerContentScript(IN_PAGE_SCRIPT_ID, IN_PAGE_SCRIPT_FILE, IN_PAGE_ORIGINS);
  else if (!allowed && registered) await unregisterContentScript(IN_PAGE_SCRIPT_ID);
}

let queue: Promise<void> = Promise.resolve();

/** Registers or unregisters the content script to match setting + permission; calls run one at a time. */
export function syncInPageButton(): Promise<void> {
  queue = queue.then(reconcile).catch(() => undefined);
  return queue;
}

/**
 * Worker start-up: reconciles now, and again whenever the setting or the host permission changes
 * (the listeners are registered synchronously, so they wake a stopped worker). A policy change
 * reaches `syncInPageButton` through the worker's one policy watcher.
 */
export function keepInPageButtonInSync(): void {
  void syncInPageButton();
  watchSettings(() => void syncInPageButton());
  onPermissionsChanged(() => void syncInPageButton());
}
