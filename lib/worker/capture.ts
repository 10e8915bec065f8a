/**
 * QR capture: the popup's messages, the context-menu item and keyboard command that scan the
 * page, and the browser-backed dependencies of the capture flow (lib/capture/capture-flow.ts),
 * with the organisation's capture policy checked before any scan.
 */
import { t } from '../i18n';
import { CaptureError, createCaptureFlow, type CaptureFlow, type CaptureFlowDeps, parseScanReport, type StoredCapture } from '../capture';
import { assertCaptureAllowed } from '../policy-parse';
import {
  activeTabId,
  createMenuItem,
  injectCaptureScript,
  onCommand,
  onMenuClicked,
  readSession,
  removeSession,
  screenshot,
  tabFacts,
  writeSession,
} from '../platform';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { enforcedPolicy } from './policy';

/**
 * storage.session: the findings hold secrets, so they never go to local/sync storage, and the
 * session area is closed to content scripts (its default access level).
 */
const PENDING_KEY = 'capture:pending';

const CAPTURE_MENU_ID = 'tessera-capture-qr';
const CAPTURE_COMMAND = 'scan-page';

const browserCaptureDeps: Omit<CaptureFlowDeps, 'vault' | 'isLocked'> = {
  tab: tabFacts,
  scanTab: async (tabId) => parseScanReport(await injectCaptureScript(tabId)),
  screenshot,
  load: async () => ((await readSession(PENDING_KEY)) as StoredCapture | undefined) ?? null,
  save: async (capture) => (capture === null ? removeSession(PENDING_KEY) : writeSession(PENDING_KEY, capture)),
  allowScan: async (url) => assertCaptureAllowed(url, await enforcedPolicy()),
};

/** The worker's capture flow over this browser's tabs and session storage, and `vault`'s lock. */
export function createBrowserCaptureFlow(vault: WorkerDeps['vault'], now?: () => number): CaptureFlow {
  return createCaptureFlow({ ...browserCaptureDeps, vault, isLocked: async () => (await vault.lock()).isLocked(), now });
}

/** Findings waiting for review hold secrets: locking forgets them (`lockNow`). */
export async function forgetPendingCapture(): Promise<void> {
  await removeSession(PENDING_KEY);
}

type CaptureHandlers = Pick<Handlers, 'scanPage' | 'getPendingCapture' | 'confirmCapture' | 'dismissCapture'>;

export function captureHandlers({ vault, now, capture }: WorkerDeps): CaptureHandlers {
  const flow = capture ?? createBrowserCaptureFlow(vault, now);
  return {
    scanPage: async ({ tabId }) => flow.scan(tabId ?? (await requireCaptureTab())),
    getPendingCapture: async ({ tabId }) => flow.pending(tabId ?? (await activeTabId()) ?? undefined),
    confirmCapture: async (request) => flow.confirm(request),
    dismissCapture: async ({ captureId, itemId }) => flow.dismiss(captureId, itemId),
  };
}

async function requireCaptureTab(): Promise<number> {
  const id = await activeTabId();
  if (id === null) throw new CaptureError('page-not-scannable', 'There is no page to scan.');
  return id;
}

/** Registered on install/update: context menu items persist across worker restarts. */
export function createCaptureMenu(): void {
  createMenuItem(CAPTURE_MENU_ID, t('menu_add_qr'), ['image', 'page']);
}

/** Scans the tab a context-menu click or the keyboard command names, then opens the popup to confirm. */
export function onCaptureTriggers(flow: CaptureFlow, openPopup: () => Promise<unknown>): void {
  const scanThenReview = async (tabId: number) => {
    await flow.scan(tabId).catch(() => undefined);
    // Chrome may refuse without a focused window; the findings then wait for the next opening.
    await openPopup();
  };
  onMenuClicked((menuItemId, tabId) => {
    if (menuItemId === CAPTURE_MENU_ID && tabId !== undefined) void scanThenReview(tabId);
  });
  onCommand((command, tabId) => {
    if (command !== CAPTURE_COMMAND) return;
    void (async () => {
      const target = tabId ?? (await activeTabId());
      if (target !== null && target !== undefined) await scanThenReview(target);
    })();
  });
}
