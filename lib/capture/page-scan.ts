/**
 * What the injected capture script does in the page's isolated world: one `scanPage` with the
 * real pixel reader and decoder, plus the viewport facts the worker needs to map rects onto a
 * screenshot. Returns plain data (structured-cloneable) and never throws into the page.
 */
import { decodeQrCodes } from '@/lib/qr';
import type { WindowLike } from './find-sources';
import { readPixels } from './read-pixels';
import { scanPage, type ScanReport } from './scan-page';

export type PageViewport = { innerWidth: number; innerHeight: number; devicePixelRatio: number };

/**
 * `documentUrl`: the scanned document's own `location.href`, so the worker can check the report
 * came from the page the tab shows (null when the script said nothing usable).
 */
export type PageScanReport =
  | ({ ok: true; viewport: PageViewport; documentUrl: string | null } & ScanReport)
  /** The scan itself failed: the worker falls back to the screenshot alone. */
  | { ok: false; viewport: PageViewport; documentUrl: string | null };

export async function runPageScan(doc: Document, win: WindowLike & Pick<Window, 'devicePixelRatio'>): Promise<PageScanReport> {
  const viewport = { innerWidth: win.innerWidth, innerHeight: win.innerHeight, devicePixelRatio: win.devicePixelRatio };
  const documentUrl = doc.location?.href ?? null;
  try {
    const pageOrigin = doc.location?.origin;
    const report = await scanPage(doc, win, {
      readPixels: (source) => readPixels(source, pageOrigin ? { pageOrigin } : {}),
      decode: (image) => decodeQrCodes(image),
    });
    return { ok: true, viewport, documentUrl, ...report };
  } catch {
    // Silent on purpose: an error here would show in the page's console (leave no trace).
    return { ok: false, viewport, documentUrl };
  }
}

const MAX_FINDINGS = 32;
const MAX_UNREADABLE = 200;
const MAX_TEXT = 8192;

/**
 * The report as the worker accepts it from the isolated world: shapes checked, sizes bounded.
 * Only texts and rects are taken; what they mean is decided in the worker, against the URL the
 * browser reports, and nothing is added without the user's confirmation.
 */
export function parseScanReport(value: unknown): PageScanReport {
  const fallbackViewport: PageViewport = { innerWidth: 0, innerHeight: 0, devicePixelRatio: 1 };
  if (typeof value !== 'object' || value === null) return { ok: false, viewport: fallbackViewport, documentUrl: null };
  const v = value as Record<string, unknown>;
  const documentUrl = typeof v.documentUrl === 'string' && v.documentUrl.length <= MAX_TEXT ? v.documentUrl : null;
  const vp = (v.viewport ?? {}) as Record<string, unknown>;
  const viewport: PageViewport = {
    innerWidth: positive(vp.innerWidth),
    innerHeight: positive(vp.innerHeight),
    devicePixelRatio: positive(vp.devicePixelRatio) || 1,
  };
  if (v.ok !== true || !Array.isArray(v.found) || !Array.isArray(v.unreadable)) return { ok: false, viewport, documentUrl };
  const found = v.found
    .slice(0, MAX_FINDINGS)
    .flatMap((f: unknown) => {
      const entry = f as { text?: unknown; sourceKind?: unknown; rect?: unknown };
      const rect = rectOf(entry?.rect);
      return typeof entry?.text === 'string' && entry.text.length <= MAX_TEXT && rect
        ? [{ text: entry.text, sourceKind: String(entry.sourceKind) as ScanReport['found'][number]['sourceKind'], rect }]
        : [];
    });
  const unreadable = v.unreadable.slice(0, MAX_UNREADABLE).flatMap((u: unknown) => {
    const rect = rectOf((u as { rect?: unknown })?.rect);
    return rect ? [{ rect, reason: String((u as { reason?: unknown }).reason ?? '') }] : [];
  });
  return { ok: true, viewport, documentUrl, found, unreadable, scanned: positive(v.scanned), ms: positive(v.ms) };
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function rectOf(value: unknown): ScanReport['found'][number]['rect'] | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const nums = [r.x, r.y, r.width, r.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return { x: r.x as number, y: r.y as number, width: r.width as number, height: r.height as number };
}
