/**
 * One scan of a page for QR codes: finds the sources, reads their pixels and decodes them,
 * within a bounded amount of work, and reports what it found and what only a screenshot can see.
 */
import type { DecodedQr } from '@/lib/qr';
import { findSources, type CaptureSource, type FindSourcesOptions, type Rect, type SourceKind, type WindowLike } from './find-sources';
import type { Pixels, PixelResult } from './read-pixels';

export type ScanFinding = { text: string; sourceKind: SourceKind; rect: Rect };
export type ScanReport = {
  found: ScanFinding[];
  /** Visible sources whose pixels could not be read: the caller screenshots these rects. */
  unreadable: Array<{ rect: Rect; reason: string }>;
  /** Sources whose pixels were decoded. */
  scanned: number;
  ms: number;
};

export type ScanDeps = {
  readPixels: (source: CaptureSource) => Promise<PixelResult>;
  decode: (image: Pixels) => DecodedQr[];
  now?: () => number;
  geometry?: FindSourcesOptions['geometry'];
};

export type ScanOptions = {
  /** At most this many sources are read and decoded (most likely first). */
  maxSources?: number;
  /** After this many ms, the remaining visible sources are left to the screenshot. */
  budgetMs?: number;
};

// Reading and rejecting a non-QR image costs about a millisecond (no finder patterns, no jsQR
// call), so a page of thumbnails fits; the time budget bounds the rest.
const DEFAULT_MAX_SOURCES = 100;
const DEFAULT_BUDGET_MS = 400;

export async function scanPage(
  doc: Document,
  win: WindowLike,
  deps: ScanDeps,
  options: ScanOptions = {},
): Promise<ScanReport> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const maxSources = options.maxSources ?? DEFAULT_MAX_SOURCES;
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const report: ScanReport = { found: [], unreadable: [], scanned: 0, ms: 0 };

  // Only what the person can see (see find-sources): a hidden code is never offered.
  const sources = findSources(doc, win, deps.geometry ? { geometry: deps.geometry } : {}).filter((s) => s.visible);
  const seenUrls = new Set<string>();
  let attempted = 0;
  for (const source of sources) {
    if (source.kind === 'frame') {
      report.unreadable.push({ rect: source.rect, reason: source.unreadable });
      continue;
    }
    // The same image URL shown twice (or as an <img> and a background) is decoded once.
    if ((source.kind === 'img' || source.kind === 'background') && !source.url.startsWith('blob:')) {
      if (seenUrls.has(source.url)) continue;
      seenUrls.add(source.url);
    }
    if (attempted >= maxSources || now() - started > budgetMs) {
      report.unreadable.push({ rect: source.rect, reason: 'budget' });
      continue;
    }
    attempted++;
    const result = await deps.readPixels(source);
    if (result.status === 'unreadable') {
      report.unreadable.push({ rect: result.rect, reason: result.reason });
      continue;
    }
    report.scanned++;
    for (const code of deps.decode(result.pixels)) {
      if (report.found.some((f) => f.text === code.text)) continue;
      report.found.push({ text: code.text, sourceKind: source.kind, rect: toViewport(code, result.pixels, result.rect) });
    }
  }
  report.ms = now() - started;
  return report;
}

/**
 * The code's box in viewport CSS pixels, assuming the pixels fill the element's box (true for
 * canvases, SVG and plain images; approximate under object-fit or background-size).
 */
function toViewport(code: DecodedQr, pixels: Pixels, rect: Rect): Rect {
  const sx = rect.width / pixels.width;
  const sy = rect.height / pixels.height;
  return {
    x: rect.x + code.bounds.x * sx,
    y: rect.y + code.bounds.y * sy,
    width: code.bounds.width * sx,
    height: code.bounds.height * sy,
  };
}
