/**
 * Filling a code after a user action: the worker checks that the account is bound to the
 * tab's origin (as the browser reports it), finds the one field, and only then computes
 * the code and hands it to that document. The code is the only thing that leaves.
 */
import { t } from '../i18n';
import { chooseFillFrame, fillRefusalMessage, AutofillError } from '../autofill';
import { activeTabId, completeFill, createMenuItem, injectFillAgent, onCommand, onMenuClicked, removeMenuItem, tabUrl } from '../platform';
import { assertAutofillAllowed } from '../policy';
import { accountsForOrigin, bindingMatches, originOf } from '../sites';
import { type AccountMeta, type Vault } from '../vault';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { enforcedPolicy } from './policy';

const FILL_MENU_ID = 'tessera-fill-code';
const FILL_COMMAND = 'fill-code';

export function fillHandlers({ vault, now = Date.now }: WorkerDeps): Pick<Handlers, 'fillCode'> {
  return {
    fillCode: async ({ id, tabId }) => fillAccountCode(await vault(), tabId ?? (await requireActiveTab()), id, now()),
  };
}

async function requireActiveTab(): Promise<number> {
  const id = await activeTabId();
  if (id === null) throw new AutofillError('page-not-fillable', 'There is no page to fill.');
  return id;
}

interface FillOutcome {
  code: string;
  fields: number;
}

async function fillAccountCode(vault: Vault, tabId: number, accountId: string, now = Date.now()): Promise<FillOutcome> {
  // The popup, keyboard and context-menu fills pass here first. The in-page button does not: its
  // policy check is `isInPageButtonAllowed` (./in-page.ts), asked on every message.
  assertAutofillAllowed(await enforcedPolicy());
  const origin = await tabOrigin(tabId);
  const account = await vault.get(accountId);
  if (!account.sites.some((binding) => bindingMatches(binding, origin))) {
    throw new AutofillError(
      'not-bound',
      `${account.issuer || account.account} is not set to fill on ${new URL(origin).host}. Copy the code, or add this site in the account's settings.`,
    );
  }
  const frame = chooseFillFrame(await injectFillAgent(tabId), origin);
  const code = await codeToFill(vault, account, now);
  const result = await completeFill(tabId, frame.documentId, frame.report.token, code, account.submitAfterFill === true);
  if (!result.filled) throw new AutofillError('fill-refused', fillRefusalMessage(result.reason));
  await vault.markUsed(accountId);
  return { code, fields: result.fields };
}

/**
 * The code a fill hands out: HOTP advances the counter, the others take the current code.
 * The caller marks the account used once the code went out.
 */
export async function codeToFill(vault: Pick<Vault, 'nextHotp' | 'codeOf'>, account: Pick<AccountMeta, 'id' | 'kind'>, now: number): Promise<string> {
  return account.kind === 'hotp' ? (await vault.nextHotp(account.id)).code : (await vault.codeOf(account.id, now)).current;
}

/** The tab's origin from the browser (activeTab), never from the page. */
export async function tabOrigin(tabId: number): Promise<string> {
  const url = await tabUrl(tabId);
  try {
    if (!url) throw new Error('no url');
    const origin = originOf(url);
    if (!/^https?:\/\//.test(origin)) throw new Error('not web');
    return origin;
  } catch (cause) {
    throw new AutofillError('page-not-fillable', 'Tessera can fill codes only on web pages you opened it on.', { cause });
  }
}

/**
 * The keyboard command and context menu: fill the one account bound to this page; with
 * none or several, or when filling fails, open the popup, which lists this site's
 * accounts first and can say what went wrong.
 */
export async function fillForTab(vault: Vault, tabId: number, openPopup: () => Promise<unknown>): Promise<void> {
  // Turned off by the organisation: the shortcut does nothing (the popup would offer no Fill either).
  if ((await enforcedPolicy()).disableAutofill) return;
  try {
    const matches = accountsForOrigin(await vault.list(), await tabOrigin(tabId));
    if (matches.length !== 1) {
      await openPopup();
      return;
    }
    await fillAccountCode(vault, tabId, matches[0]!.account.id);
  } catch {
    await openPopup();
  }
}

/** The menu item exists only while filling is allowed (the organisation's `disableAutofill`); shown on editable fields only. */
export function syncFillMenu(allowed: boolean): void {
  if (allowed) createMenuItem(FILL_MENU_ID, t('menu_fill_code'), ['editable']);
  else removeMenuItem(FILL_MENU_ID);
}

/**
 * Fills for the tab named by a browser-drawn trigger (the context-menu item or the keyboard
 * command): the page can synthesise neither.
 */
export function onFillTriggers(fill: (tabId: number) => Promise<void>): void {
  onMenuClicked((menuItemId, tabId) => {
    if (menuItemId === FILL_MENU_ID && tabId !== undefined) void fill(tabId);
  });
  onCommand((command, tabId) => {
    if (command === FILL_COMMAND && tabId !== undefined) void fill(tabId);
  });
}
