/**
 * The worker's side of QR capture: scan a tab (page pixels first, the screenshot for what the
 * page cannot give), keep what was found in session storage, and add an item only when the user
 * confirms it in the popup. Browser calls come in as `CaptureFlowDeps`.
 */
import { TesseraError } from '@/lib/errors';
import { type AddAccountReply, type AddAccountRequest, newAccountInput } from '@/lib/accounts';
import type { DecodedQr, QrPixelSource } from '@/lib/qr';
import type { AccountCode, AccountCodeFailure, AccountMeta, AddOptions, AddResult, NewAccountInput } from '@/lib/vault';
import type { Rect } from './find-sources';
import type { PageScanReport, PageViewport } from './page-scan';
import {
  buildView,
  duplicateState,
  groupTexts,
  itemAccounts,
  type CaptureView,
  type ScanSummary,
  type StoredCapture,
  type VaultSnapshot,
} from './review';
import { cropRects, decodeScreenshot } from './screenshot';

export class CaptureError extends TesseraError {}

/** What the flow needs of the vault (a subset of `Vault`). */
export interface CaptureVault {
  list(): Promise<AccountMeta[]>;
  codes(at?: number): Promise<Array<AccountCode | AccountCodeFailure>>;
  add(input: NewAccountInput, options?: AddOptions): Promise<AddResult>;
  addMany(inputs: readonly NewAccountInput[], options?: AddOptions): Promise<AddResult[]>;
}

export type TabFacts = { url: string | null; windowId: number; active: boolean };

export interface CaptureFlowDeps {
  /** The tab as the browser reports it (URL visible only under activeTab). */
  tab(tabId: number): Promise<TabFacts>;
  /** Injects the capture script into the tab's top frame and returns its report. */
  scanTab(tabId: number): Promise<PageScanReport>;
  /** The visible part of the window's active tab, its RGBA pixels read a region at a time. */
  screenshot(windowId: number): Promise<QrPixelSource>;
  load(): Promise<StoredCapture | null>;
  save(capture: StoredCapture | null): Promise<void>;
  vault(): Promise<CaptureVault>;
  /** Whether the vault is locked: a locked vault neither scans nor keeps findings. */
  isLocked(): Promise<boolean>;
  now?: () => number;
  newId?: () => string;
  /** Throws (a `PolicyError`) when the organisation does not allow capture on this page's URL. */
  allowScan?: (url: string) => Promise<void>;
  /** Decodes a screenshot, the unreadable elements' rects (CSS px) first. */
  decode?: (image: QrPixelSource, rects: Rect[], viewport: PageViewport) => DecodedQr[];
}

/** The user's choices for one finding: the same as for an account added by hand. */
export type ConfirmCaptureRequest = Pick<AddAccountRequest, 'sites' | 'deviceBound' | 'onConflict' | 'group'> & {
  captureId: string;
  itemId: string;
};

export type ConfirmCaptureReply =
  | { type: 'account'; reply: AddAccountReply }
  | { type: 'migration'; status: 'imported'; added: number; unchanged: number }
  | { type: 'migration'; status: 'conflict'; conflicts: number };

/** A pending capture is offered when the popup opens for this long if nothing was found. */
const EMPTY_CAPTURE_SHOWN_MS = 30_000;
/** Findings are forgotten after this: a stale review would show a page the user has left. */
const CAPTURE_KEPT_MS = 15 * 60_000;

export function createCaptureFlow(deps: CaptureFlowDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const decode = deps.decode ?? decodeVisibleTab;

  async function snapshot(): Promise<VaultSnapshot> {
    const vault = await deps.vault();
    const at = now();
    const [accounts, codes] = await Promise.all([vault.list(), vault.codes(at)]);
    return { accounts, codes, at };
  }

  async function scan(tabId: number): Promise<CaptureView> {
    const started = now();
    const before = await deps.tab(tabId);
    if (!before.url || !/^https?:\/\//i.test(before.url)) {
      throw new CaptureError('page-not-scannable', 'Tessera can scan web pages only (addresses starting with https:// or http://).');
    }
    // Before anything is injected or captured: a page outside the allow-list is not even looked at,
    // and nothing is looked at while locked (findings hold secrets the user could not review).
    await deps.allowScan?.(before.url);
    await assertUnlocked();
    let report: PageScanReport;
    try {
      report = await deps.scanTab(tabId);
    } catch {
      // Injection refused (a browser page, the Web Store) or the page went away mid-scan.
      throw new CaptureError('page-not-scannable', 'Tessera could not look at this page. Reload it and try again.');
    }
    const texts = report.ok ? report.found.map((f) => f.text) : [];
    const unreadable = report.ok ? report.unreadable.map((u) => u.rect) : [];
    let screenshot: ScanSummary['screenshot'] = 'not-needed';
    if (!report.ok || unreadable.length > 0 || texts.length === 0) {
      // Only the visible tab can be captured; Chrome also refuses more than two captures a second.
      const image = before.active ? await deps.screenshot(before.windowId).catch(() => null) : null;
      screenshot = 'unavailable';
      if (image) {
        try {
          // Its pixels are read while decoding: a read that fails leaves the screenshot unavailable,
          // as a capture that fails does, and the page's own findings stand.
          for (const code of decode(image, unreadable, report.viewport)) if (!texts.includes(code.text)) texts.push(code.text);
          screenshot = 'used';
        } catch {
          // (unavailable)
        } finally {
          image.close();
        }
      }
    }
    // Classified against the URL the browser reports now: a page that navigated during the
    // scan is not the page the codes were found on.
    const after = await deps.tab(tabId);
    // The script names the document it read: it must be the tab's page, not a frame or a
    // document swapped in between the browser's two reports.
    const scannedElsewhere = report.documentUrl !== null && !sameOrigin(report.documentUrl, before.url);
    if (after.url !== before.url || scannedElsewhere) {
      throw new CaptureError('page-changed', 'The page changed while Tessera was scanning it. Try again.');
    }
    const previous = await deps.load();
    // Findings still pending on the same tab and origin are kept: an export shown one QR code
    // at a time is scanned part by part into one batch.
    const sameTab = previous && previous.tabId === tabId && sameOrigin(previous.url, before.url) ? previous.items : [];
    const capture: StoredCapture = {
      id: newId(),
      tabId,
      url: before.url,
      createdAt: now(),
      items: groupTexts(texts, before.url, newId, sameTab),
      scan: {
        scanned: report.ok ? report.scanned : 0,
        unreadable: unreadable.length,
        screenshot,
        ms: Math.round(now() - started),
      },
    };
    await deps.save(capture);
    return buildView(capture, await snapshot());
  }

  async function assertUnlocked(): Promise<void> {
    if (await deps.isLocked()) throw new CaptureError('locked', 'Tessera is locked. Unlock it, then scan the page again.');
  }

  async function current(): Promise<StoredCapture | null> {
    const capture = await deps.load();
    // Locking forgets findings (lib/platform/auto-lock.ts); this also covers any left behind.
    if (capture && ((await deps.isLocked()) || now() - capture.createdAt > CAPTURE_KEPT_MS)) {
      await deps.save(null);
      return null;
    }
    return capture;
  }

  /** What the popup shows on opening for `tabId`, when a trigger left findings for it. */
  async function pending(tabId: number | undefined): Promise<CaptureView | null> {
    const capture = await current();
    if (!capture || (tabId !== undefined && capture.tabId !== tabId)) return null;
    if (capture.items.length === 0 && now() - capture.createdAt > EMPTY_CAPTURE_SHOWN_MS) return null;
    return buildView(capture, await snapshot());
  }

  async function itemFor(captureId: string, itemId: string) {
    const capture = await current();
    const item = capture?.id === captureId ? capture.items.find((i) => i.id === itemId) : undefined;
    if (!capture || !item) throw new CaptureError('capture-expired', 'This scan is no longer available. Scan the page again.');
    return { capture, item };
  }

  async function forget(capture: StoredCapture, itemId: string): Promise<void> {
    const items = capture.items.filter((i) => i.id !== itemId);
    await deps.save(items.length === 0 ? null : { ...capture, items });
  }

  async function confirm(request: ConfirmCaptureRequest): Promise<ConfirmCaptureReply> {
    const { capture, item } = await itemFor(request.captureId, request.itemId);
    // Findings kept from before the organisation restricted capture are not added either.
    await deps.allowScan?.(capture.url);
    const accounts = itemAccounts(item, capture.url);
    if (accounts.length === 0) throw new CaptureError('not-enrollment', 'This QR code is not an authenticator setup code; nothing was added.');
    const vault = await deps.vault();
    const options: AddOptions = request.onConflict ? { onConflict: request.onConflict } : {};
    const deviceBound = request.deviceBound === true;
    if (item.texts.length === 1 && !item.texts[0]!.trim().toLowerCase().startsWith('otpauth-migration:')) {
      // A privacyIDEA 2step code: the client part and final secret are made here, in the worker.
      const input = await newAccountInput(accounts[0]!, {
        sites: request.sites,
        deviceBound: request.deviceBound,
        origin: new URL(capture.url).origin,
        group: request.group ?? null,
      });
      const reply = await vault.add(input, options);
      if (reply.status !== 'conflict') await forget(capture, item.id);
      return { type: 'account', reply };
    }
    // An export batch: the accounts are not bound to the page they were shown on.
    if (!request.onConflict) {
      const snap = await snapshot();
      let conflicts = 0;
      for (const account of accounts) if ((await duplicateState(account, snap)).state === 'conflict') conflicts++;
      if (conflicts > 0) return { type: 'migration', status: 'conflict', conflicts };
    }
    const results = await vault.addMany(
      accounts.map((a) => ({ ...a, sites: [], deviceBound, group: request.group ?? null })),
      options,
    );
    await forget(capture, item.id);
    return {
      type: 'migration',
      status: 'imported',
      added: results.filter((r) => r.status === 'added').length,
      unchanged: results.filter((r) => r.status !== 'added').length,
    };
  }

  async function dismiss(captureId: string, itemId?: string): Promise<void> {
    const capture = await current();
    if (!capture || capture.id !== captureId) return;
    if (itemId === undefined) await deps.save(null);
    else await forget(capture, itemId);
  }

  return { scan, pending, confirm, dismiss };
}

export type CaptureFlow = ReturnType<typeof createCaptureFlow>;

/** The screenshot path: crops mapped with the page's own viewport (zoom and DPR included). */
export function decodeVisibleTab(image: QrPixelSource, rects: Rect[], viewport: PageViewport): DecodedQr[] {
  const crops = cropRects(rects, {
    screenshotWidth: image.width,
    screenshotHeight: image.height,
    innerWidth: viewport.innerWidth,
    devicePixelRatio: viewport.devicePixelRatio,
  });
  return decodeScreenshot(image, crops);
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
