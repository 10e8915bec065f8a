/**
 * The worker's half of the optional in-page button: whether this frame's site has accounts,
 * and, after a click the content script has checked, one code for exactly that frame. The
 * frame, tab and origin come from the browser's `sender`; the reply never names an account.
 */
import { inPageSender } from '../in-page/sender';
import type { InPageFillReply, SenderInfo } from '../messaging';
import { accountsForOrigin } from '../sites/binding';
import type { Vault } from '../vault/vault';
import { codeToFill } from './fill';

export interface InPageDeps {
  /** Setting, host permission and policy, decided in one place (`isInPageButtonAllowed`). */
  allowed(): Promise<boolean>;
  isActiveTab(tabId: number): Promise<boolean>;
  /** Opens the toolbar popup; false where the browser does not allow it. */
  openPopup(): Promise<boolean>;
  /** The open vault; throws while locked. */
  vault(): Promise<Vault>;
  now(): number;
}

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
 * Checks the sender again (top frame, https, bound, tab in front). One bound account: its
 * current code, for that frame only. Several, or a vault locked since: the popup, where the
 * person chooses or unlocks. Anything else: nothing.
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
  const code = await codeToFill(vault, account, deps.now());
  await vault.markUsed(account.id);
  return { status: 'code', code, submit: account.submitAfterFill === true };
}
