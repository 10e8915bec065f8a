/**
 * Turns the texts a scan found into what the popup's confirmation shows: one item per account,
 * per Google Authenticator export batch (its parts merged) or per code that is not an enrollment,
 * each with duplicate state against the vault. No secret leaves this module in a view.
 */
import { generateCode, type OtpAccountData, type OtpauthUriDetails, type TwoStepParams, withoutFormatCharacters } from '@/lib/otp';
import { accountLabel } from '@/lib/accounts';
import { labelKey, type AccountCode, type AccountCodeFailure, type AccountMeta } from '@/lib/vault';
import type { ErrorParams } from '@/lib/errors';
import { classifyCapture, describePage, type CaptureWarning, type FoundOn, type NotEnrollmentCode, type SiteBinding } from './classify';

/** A scan kept in the worker (storage.session) until the user confirms or skips: holds secrets. */
export type StoredCapture = {
  id: string;
  tabId: number;
  /** The tab's URL as the browser reported it, never as the page said. */
  url: string;
  createdAt: number;
  items: StoredCaptureItem[];
  scan: ScanSummary;
};

/** One confirmation item: an account's URI, an export batch's part URIs, or a non-enrollment text. */
export type StoredCaptureItem = { id: string; texts: string[] };

export type ScanSummary = {
  /** Elements whose pixels were decoded in the page. */
  scanned: number;
  /** Elements only a screenshot could read. */
  unreadable: number;
  screenshot: 'not-needed' | 'used' | 'unavailable';
  ms: number;
};

export type DuplicateState =
  | { state: 'new' }
  /** Same issuer, account, parameters and secret: adding would change nothing. */
  | { state: 'exists'; existingId: string; label: string }
  /** Same issuer and account, another secret (or one that cannot be compared): the user chooses. */
  | { state: 'conflict'; existingId: string; label: string };

export type AccountPreview = Omit<OtpAccountData, 'secret'> & {
  secretBits: number;
  duplicate: DuplicateState;
};

export type CaptureItemView =
  | {
      id: string;
      type: 'account';
      preview: AccountPreview;
      foundOn: FoundOn;
      warnings: CaptureWarning[];
      suggestedSites: SiteBinding[];
      /** privacyIDEA two-step enrollment: confirming derives a new secret and gives a phone part. */
      twoStep?: TwoStepParams;
    }
  | {
      id: string;
      type: 'migration';
      accounts: AccountPreview[];
      batch: { id: number; size: number; found: number[]; missing: number[] };
      foundOn: FoundOn;
      warnings: CaptureWarning[];
    }
  | { id: string; type: 'not-enrollment'; code: NotEnrollmentCode; reason: string; params?: ErrorParams };

export type CaptureView = {
  captureId: string;
  foundOn: FoundOn | null;
  items: CaptureItemView[];
  scan: ScanSummary;
};

/**
 * Groups found texts into items: each otpauth code and each other text on its own, the parts of
 * one export batch (same batch id) together, in part order. `previous` items of the same tab are
 * kept first, so scanning the next part of an export adds it to the batch already shown.
 */
export function groupTexts(texts: readonly string[], url: string, newId: () => string, previous: readonly StoredCaptureItem[] = []): StoredCaptureItem[] {
  const items: StoredCaptureItem[] = previous.map((item) => ({ ...item, texts: [...item.texts] }));
  const batchOf = (text: string): number | null => {
    const c = classifyCapture(text, { url });
    return c.type === 'migration' ? c.batch.id : null;
  };
  for (const text of texts) {
    if (items.some((item) => item.texts.includes(text))) continue;
    const batch = batchOf(text);
    const same = batch === null ? undefined : items.find((item) => batchOf(item.texts[0]!) === batch);
    if (same) same.texts.push(text);
    else items.push({ id: newId(), texts: [text] });
  }
  return items;
}

/**
 * The account data of an item as the user would add it (parsed again each time: nothing cached),
 * with a privacyIDEA code's 2step parameters, whose secret is completed in the worker.
 */
export function itemAccounts(item: StoredCaptureItem, url: string): OtpauthUriDetails[] {
  const accounts: Array<{ index: number; list: OtpauthUriDetails[] }> = [];
  for (const text of item.texts) {
    const c = classifyCapture(text, { url });
    if (c.type === 'account') accounts.push({ index: 0, list: [{ ...c.account, ...(c.twoStep && { twoStep: c.twoStep }) }] });
    else if (c.type === 'migration') accounts.push({ index: c.batch.index, list: c.accounts });
  }
  return accounts.sort((a, b) => a.index - b.index).flatMap((a) => a.list);
}

/** Vault facts the duplicate check needs: metadata and the codes at one instant. */
export type VaultSnapshot = { accounts: AccountMeta[]; codes: Array<AccountCode | AccountCodeFailure>; at: number };

export async function buildView(capture: StoredCapture, vault: VaultSnapshot): Promise<CaptureView> {
  const items: CaptureItemView[] = [];
  for (const item of capture.items) {
    const first = classifyCapture(item.texts[0]!, { url: capture.url });
    if (first.type === 'not-enrollment') {
      items.push({ id: item.id, type: 'not-enrollment', code: first.code, reason: first.reason, ...(first.params ? { params: first.params } : {}) });
    } else if (first.type === 'account') {
      items.push({
        id: item.id,
        type: 'account',
        preview: await preview(first.account, vault, first.twoStep),
        foundOn: first.foundOn,
        warnings: first.warnings,
        suggestedSites: first.suggestedSites,
        ...(first.twoStep && { twoStep: first.twoStep }),
      });
    } else {
      const parts = item.texts
        .map((t) => classifyCapture(t, { url: capture.url }))
        .flatMap((c) => (c.type === 'migration' ? [c] : []))
        .sort((a, b) => a.batch.index - b.batch.index);
      const found = [...new Set(parts.map((p) => p.batch.index))];
      const size = Math.max(...parts.map((p) => p.batch.size));
      const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !found.includes(i));
      const warnings = new Map<string, CaptureWarning>();
      for (const p of parts) for (const w of p.warnings) if (!warnings.has(w.code)) warnings.set(w.code, w);
      const accounts: AccountPreview[] = [];
      for (const p of parts) for (const a of p.accounts) accounts.push(await preview(a, vault));
      items.push({
        id: item.id,
        type: 'migration',
        accounts,
        batch: { id: first.batch.id, size, found, missing },
        foundOn: first.foundOn,
        warnings: [...warnings.values()],
      });
    }
  }
  return { captureId: capture.id, foundOn: safeDescribe(capture.url), items, scan: capture.scan };
}

async function preview(account: OtpAccountData, vault: VaultSnapshot, twoStep?: TwoStepParams): Promise<AccountPreview> {
  return {
    kind: account.kind,
    // What the vault will store: the review must not show a name the list later shows otherwise.
    issuer: withoutFormatCharacters(account.issuer),
    account: withoutFormatCharacters(account.account),
    algorithm: account.algorithm,
    digits: account.digits,
    ...(account.period !== undefined ? { period: account.period } : {}),
    ...(account.counter !== undefined ? { counter: account.counter } : {}),
    secretBits: (twoStep ? twoStep.outputBytes : account.secret.length) * 8,
    // A two-step secret is new by construction: no codes to compare, the same name is a conflict.
    duplicate: await duplicateState(account, twoStep ? { ...vault, codes: [] } : vault),
  };
}

/**
 * Same issuer+account as a stored one: "exists" when the parameters match and the stored
 * account's current and next codes equal the ones this secret gives (two codes: a chance match
 * is 1 in 10^12), else "conflict". The stored secret is never read: only its codes, which the
 * vault computes anyway. HOTP cannot be compared without spending a counter, so it is a conflict
 * here; the vault still answers "exists" at confirmation if it is the same.
 */
export async function duplicateState(account: OtpAccountData, vault: VaultSnapshot): Promise<DuplicateState> {
  const label = labelKey(account.issuer, account.account);
  const same = vault.accounts.filter((a) => labelKey(a.issuer, a.account) === label);
  if (same.length === 0) return { state: 'new' };
  for (const existing of same) {
    if (existing.kind === 'hotp' || existing.kind !== account.kind) continue;
    if (existing.algorithm !== account.algorithm || existing.digits !== account.digits) continue;
    if (existing.kind === 'totp' && existing.period !== account.period) continue;
    const code = vault.codes.find((c): c is AccountCode => c.id === existing.id && !('error' in c));
    if (!code) continue;
    const params = { kind: account.kind, algorithm: account.algorithm, digits: account.digits, period: account.period };
    const [current, next] = await Promise.all([
      generateCode(account.secret, params, Math.max(code.stepStart, vault.at)),
      generateCode(account.secret, params, code.stepEnd),
    ]);
    if (current === code.current && next === code.next) return { state: 'exists', existingId: existing.id, label: labelOf(existing) };
  }
  return { state: 'conflict', existingId: same[0]!.id, label: labelOf(same[0]!) };
}

function labelOf(a: Pick<AccountMeta, 'issuer' | 'account'>): string {
  return accountLabel(a, '');
}

function safeDescribe(url: string): FoundOn | null {
  try {
    return describePage(url);
  } catch {
    return null;
  }
}
