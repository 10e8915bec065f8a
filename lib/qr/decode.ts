/**
 * Finds and decodes every QR code in an RGBA image (element pixels or a whole screenshot);
 * the only module that calls jsQR.
 */
import jsQR from 'jsqr';

export type QrImage = { data: Uint8ClampedArray; width: number; height: number };
/** A rectangle in the decoded image's own pixels. */
export type QrBounds = { x: number; y: number; width: number; height: number };
/**
 * An image whose RGBA pixels are read one region at a time (a decoded screenshot): `read` is
 * given a region inside the image, in its pixels; `close` frees the image, after which nothing
 * may be read.
 */
export type QrPixelSource = { readonly width: number; readonly height: number; read(region: QrBounds): QrImage; close(): void };
export type DecodedQr = { text: string; bounds: QrBounds };
export type DecodeQrOptions = {
  /** Stop after this many codes (default 8). */
  maxCodes?: number;
};

const DEFAULT_MAX_CODES = 8;
/** Images whose long side is below this are upscaled before decoding: jsQR misses tiny codes. */
const SMALL_IMAGE_SIDE = 200;
/** Below this module size (px) a crop is upscaled nearest-neighbour before decoding. */
const SMALL_MODULE_PX = 3;
/** Above this many pixels (screenshots), a fallback pass covers only the stray finders' area. */
const FULL_PASS_MAX_AREA = 800 * 800;
/** Binarisation block size and the minimum contrast that counts as an edge. */
const BLOCK = 16;
const MIN_CONTRAST = 32;
/** Candidate triples tried before falling back to the whole frame. */
const MAX_CANDIDATES = 24;
const MAX_CLUSTERS = 400;

/**
 * Every QR code in the image with text that is valid UTF-8, most prominent first.
 * Binary payloads (not UTF-8, or holding control characters) are skipped: no OTP URI is binary.
 */
export function decodeQrCodes(image: QrImage, options: DecodeQrOptions = {}): DecodedQr[] {
  const { width, height } = image;
  if (!Number.isInteger(width) || width < 0 || !Number.isInteger(height) || height < 0) {
    throw new RangeError('image.width and image.height must be non-negative integers');
  }
  if (!(image.data instanceof Uint8ClampedArray) || image.data.length !== width * height * 4) {
    throw new RangeError('image.data must be a Uint8ClampedArray of width * height * 4 bytes');
  }
  const maxCodes = options.maxCodes ?? DEFAULT_MAX_CODES;
  if (!Number.isInteger(maxCodes) || maxCodes < 1) {
    throw new RangeError('options.maxCodes must be a positive integer');
  }
  if (width === 0 || height === 0) return [];

  const rgba = image.data;
  const results: DecodedQr[] = [];
  // Codes decoded but skipped as binary still explain their finder patterns.
  const seen: QrBounds[] = [];

  // 1. Candidate regions from finder-pattern-like runs: cheap, and lets a 4-megapixel
  //    screenshot be decoded from a few small crops.
  const { candidates, finders } = findCandidates(rgba, width, height);
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    if (results.length >= maxCodes) break;
    // A triple made of a decoded code's finders, or of look-alike runs inside its data, is spent.
    if (seen.some((b) => mostlyInside(candidate.box, b) || candidate.points.filter((p) => inside(p, b)).length >= 2)) {
      continue;
    }
    const found = decodeRegion(rgba, width, candidate.box, candidate.moduleSize, candidate.inverted, 'known');
    if (!found) continue;
    seen.push(found.bounds);
    if (found.text !== '' && !results.some((r) => r.text === found.text && overlaps(r.bounds, found.bounds))) {
      results.push(found);
    }
  }

  // 2. Finder patterns that no decoded code explains: search around them with jsQR's own
  //    locator, blanking each code found and searching again. Not run when nothing looked like
  //    a finder: jsQR's locator on a large noisy frame costs seconds and would find nothing.
  const unexplained = finders.filter(
    // A real finder centre spans 3 modules, so it is hit on about 1.5·m sampled rows; a single
    // hit with big modules is a stray run in a picture, not worth a slow pass.
    (f) =>
      f.count >= Math.max(1, Math.floor(f.m * 0.75)) &&
      !seen.some((b) => f.x >= b.x - 2 * f.m && f.x <= b.x + b.width + 2 * f.m && f.y >= b.y - 2 * f.m && f.y <= b.y + b.height + 2 * f.m),
  );
  if (results.length < maxCodes && unexplained.length > 0) {
    let region: Box = { x: 0, y: 0, width, height };
    if (width * height > FULL_PASS_MAX_AREA) {
      // Large frame: only the neighbourhood of the stray finders (50 modules covers version 10).
      const reach = Math.max(...unexplained.map((f) => f.m)) * 50;
      const x0 = clamp(Math.floor(Math.min(...unexplained.map((f) => f.x)) - reach), 0, width);
      const y0 = clamp(Math.floor(Math.min(...unexplained.map((f) => f.y)) - reach), 0, height);
      const x1 = clamp(Math.ceil(Math.max(...unexplained.map((f) => f.x)) + reach), 0, width);
      const y1 = clamp(Math.ceil(Math.max(...unexplained.map((f) => f.y)) + reach), 0, height);
      region = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    }
    const smallestModule = unexplained.reduce((m, f) => Math.min(m, f.m), Infinity);
    regionPasses(rgba, width, height, region, smallestModule, maxCodes, results, seen);
  }
  return results;
}

type Box = { x: number; y: number; width: number; height: number };
type Candidate = {
  box: Box;
  moduleSize: number;
  inverted: boolean;
  score: number;
  /** The three finder centres, to skip triples that lie on a code already decoded. */
  points: Array<{ x: number; y: number }>;
};

function regionPasses(
  source: Uint8ClampedArray,
  width: number,
  height: number,
  region: Box,
  smallestModule: number,
  maxCodes: number,
  results: DecodedQr[],
  seen: QrBounds[],
): void {
  if (region.width < 8 || region.height < 8) return;
  const longSide = Math.max(region.width, region.height);
  const area = region.width * region.height;
  let scale = 1;
  if (longSide < SMALL_IMAGE_SIDE) scale = clamp(Math.ceil(400 / longSide), 2, 4);
  else if (smallestModule < SMALL_MODULE_PX && area <= FULL_PASS_MAX_AREA) scale = 2;
  // Copied lazily: blanking must never touch the caller's pixels.
  let work: Uint8ClampedArray | null = null;
  const blankFound = (bounds: QrBounds) => {
    work ??= source.slice();
    const pad = Math.max(2, Math.round(Math.max(bounds.width, bounds.height) * 0.04));
    blank(work, width, height, bounds, pad);
  };
  // Codes already found are blanked first, so this pass looks only for others.
  for (const b of seen) blankFound(b);
  // Bounded: binary codes are blanked without counting, so cap the passes too.
  for (let pass = 0; results.length < maxCodes && pass < maxCodes + 4; pass++) {
    const pixels: Uint8ClampedArray = work ?? source;
    const found = decodeRegion(pixels, width, region, SMALL_MODULE_PX, false, 'unknown', scale);
    if (!found) return;
    const duplicate = results.some((r) => r.text === found.text && overlaps(r.bounds, found.bounds));
    if (found.text !== '' && !duplicate) results.push(found);
    seen.push(found.bounds);
    blankFound(found.bounds);
  }
}

/** Decodes the code inside `box`, upscaling when modules are small; bounds are in image pixels. */
function decodeRegion(
  rgba: Uint8ClampedArray,
  imageWidth: number,
  box: Box,
  moduleSize: number,
  inverted: boolean,
  polarity: 'known' | 'unknown',
  forcedScale?: number,
): DecodedQr | null {
  let up = forcedScale ?? (moduleSize < SMALL_MODULE_PX ? clamp(Math.ceil(4 / moduleSize), 2, 4) : 1);
  // jsQR's binariser works on 8-px blocks and needs a few of them in each direction.
  while (Math.min(box.width, box.height) * up < 64 && up < 8) up++;
  // Big modules (a 2× DPR screenshot, a large SVG raster) are sampled down to about 3 px:
  // jsQR's time grows with pixels, not modules.
  let down = forcedScale === undefined && moduleSize >= 2 * SMALL_MODULE_PX ? Math.floor(moduleSize / SMALL_MODULE_PX) : 1;
  while (down > 1 && Math.min(box.width, box.height) / down < 64) down--;
  const scale = up / down;
  // A crop's polarity is known from its finders, so it is flipped here and jsQR binarises once
  // ('onlyInvert' would crash in jsQR 1.4: it never builds the inverted matrix).
  const crop = down > 1 ? cropDownscaled(rgba, imageWidth, box, down, inverted) : cropScaled(rgba, imageWidth, box, up, inverted);
  const result = jsQR(crop.data, crop.width, crop.height, {
    // Explicit every time: jsQR keeps the last options in a module-level object.
    inversionAttempts: polarity === 'known' ? 'dontInvert' : 'attemptBoth',
  });
  if (!result) return null;
  const corners = [
    result.location.topLeftCorner,
    result.location.topRightCorner,
    result.location.bottomLeftCorner,
    result.location.bottomRightCorner,
  ];
  const xs = corners.map((p) => p.x / scale);
  const ys = corners.map((p) => p.y / scale);
  const x0 = Math.max(0, Math.floor(box.x + Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(box.y + Math.min(...ys)));
  const x1 = Math.min(box.x + box.width, Math.ceil(box.x + Math.max(...xs)));
  const y1 = Math.min(box.y + box.height, Math.ceil(box.y + Math.max(...ys)));
  const bounds = { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
  const text = textOf(result);
  // A binary payload still counts as "found" so it can be blanked; empty text marks it skipped.
  return text === null ? { text: '', bounds } : { text, bounds };
}

type JsQrResult = NonNullable<ReturnType<typeof jsQR>>;

/** The payload as text, or null when its bytes are not sensible UTF-8 text. */
function textOf(result: JsQrResult): string | null {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const chunk of result.chunks) {
    if (chunk.type === 'byte' && 'bytes' in chunk) {
      try {
        utf8.decode(new Uint8Array(chunk.bytes));
      } catch {
        return null;
      }
    } else if (chunk.type === 'kanji') {
      return null; // Shift-JIS: never an enrollment URI
    }
  }
  const text = result.data;
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)) return null;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Candidate search: 1:1:3:1:1 finder-pattern runs along rows, cross-checked along columns,
// clustered, then grouped into right-angle triples (the three finders of one code).

type Finder = { x: number; y: number; m: number; inverted: boolean; count: number };

/**
 * Luma of every second row (the rows the finder scan reads), transparent pixels over white,
 * and a dark/light threshold per block from its neighbourhood's contrast. Reading half the
 * rows keeps a 4-megapixel screenshot cheap.
 */
type RowScan = {
  luma: Uint8Array;
  threshold: Uint8Array;
  blocksWide: number;
  blockMin: Uint8Array;
  blockMax: Uint8Array;
};

function findCandidates(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): { candidates: Candidate[]; finders: Finder[] } {
  const scan = sampleRows(rgba, width, height);
  const finders = findFinders(rgba, scan, width, height);
  return { candidates: groupFinders(finders, width, height), finders };
}

function lumaAt(rgba: Uint8ClampedArray, p: number): number {
  const i = p * 4;
  const l = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  const a = rgba[i + 3]!;
  return a === 255 ? l : ((l * a + 255 * (255 - a)) / 255) | 0;
}

function sampleRows(rgba: Uint8ClampedArray, width: number, height: number): RowScan {
  const rows = Math.ceil(height / 2);
  const luma = new Uint8Array(width * rows);
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const bmin = new Uint8Array(bw * bh).fill(255);
  const bmax = new Uint8Array(bw * bh);
  // One 32-bit load per pixel (little-endian RGBA, as on every platform browsers ship on).
  const px =
    rgba.byteOffset % 4 === 0
      ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
      : new Uint32Array(rgba.slice().buffer);
  for (let r = 0; r < rows; r++) {
    const src = r * 2 * width;
    const dst = r * width;
    const brow = (((r * 2) / BLOCK) | 0) * bw;
    for (let bx = 0; bx < bw; bx++) {
      const b = brow + bx;
      let lo = bmin[b]!;
      let hi = bmax[b]!;
      const end = Math.min(width, (bx + 1) * BLOCK);
      for (let x = bx * BLOCK; x < end; x++) {
        const v = px[src + x]!;
        const a = v >>> 24;
        let l = ((v & 255) * 77 + ((v >>> 8) & 255) * 150 + ((v >>> 16) & 255) * 29) >> 8;
        if (a !== 255) l = ((l * a + 255 * (255 - a)) / 255) | 0;
        luma[dst + x] = l;
        if (l < lo) lo = l;
        if (l > hi) hi = l;
      }
      bmin[b] = lo;
      bmax[b] = hi;
    }
  }
  let total = 0;
  for (let i = 0; i < bw * bh; i++) total += (bmin[i]! + bmax[i]!) / 2;
  // Flat neighbourhoods (the inside of a big module, a blank page) fall back to a global split.
  const globalThreshold = total / (bw * bh);
  const threshold = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let lo = 255;
      let hi = 0;
      for (let dy = -2; dy <= 2; dy++) {
        const yy = by + dy;
        if (yy < 0 || yy >= bh) continue;
        for (let dx = -2; dx <= 2; dx++) {
          const xx = bx + dx;
          if (xx < 0 || xx >= bw) continue;
          const i = yy * bw + xx;
          if (bmin[i]! < lo) lo = bmin[i]!;
          if (bmax[i]! > hi) hi = bmax[i]!;
        }
      }
      threshold[by * bw + bx] = hi - lo >= MIN_CONTRAST ? (lo + hi) >> 1 : globalThreshold;
    }
  }
  return { luma, threshold, blocksWide: bw, blockMin: bmin, blockMax: bmax };
}

function isFinderRatio(r0: number, r1: number, r2: number, r3: number, r4: number): number {
  const total = r0 + r1 + r2 + r3 + r4;
  if (total < 7) return 0;
  const m = total / 7;
  // +0.75 px tolerates the rounding of 1–2 px modules.
  const tol = m * 0.5 + 0.75;
  if (Math.abs(r0 - m) > tol || Math.abs(r1 - m) > tol || Math.abs(r3 - m) > tol || Math.abs(r4 - m) > tol) {
    return 0;
  }
  if (Math.abs(r2 - 3 * m) > m + 0.75) return 0;
  return m;
}

function findFinders(rgba: Uint8ClampedArray, scan: RowScan, width: number, height: number): Finder[] {
  const { luma, threshold, blocksWide, blockMin, blockMax } = scan;
  const clusters: Finder[] = [];
  const runs = [0, 0, 0, 0, 0];
  const rowDark = new Uint8Array(width + 1);
  // Every second row: a finder's centre is three modules tall, so even 1-px modules are hit.
  for (let y = 0; y < height; y += 2) {
    const base = (y / 2) * width;
    const brow = ((y / BLOCK) | 0) * blocksWide;
    for (let bx = 0; bx < blocksWide; bx++) {
      const t = threshold[brow + bx]!;
      const start = bx * BLOCK;
      const end = Math.min(width, start + BLOCK);
      // A block entirely on one side of its threshold is one colour: a native fill.
      if (blockMax[brow + bx]! <= t) rowDark.fill(1, start, end);
      else if (blockMin[brow + bx]! > t) rowDark.fill(0, start, end);
      else for (let x = start; x < end; x++) rowDark[x] = luma[base + x]! <= t ? 1 : 0;
    }
    rowDark[width] = 2; // sentinel: closes the last run
    let color = rowDark[0]!;
    let len = 0;
    let n = 0; // runs closed in this row
    for (let x = 0; x <= width; x++) {
      const v = rowDark[x]!;
      if (v === color) {
        len++;
        continue;
      }
      runs[0] = runs[1]!;
      runs[1] = runs[2]!;
      runs[2] = runs[3]!;
      runs[3] = runs[4]!;
      runs[4] = len;
      n++;
      // The run just closed has colour `color`; a pattern's outer runs share the centre's colour.
      if (n >= 5) {
        const m = isFinderRatio(runs[0]!, runs[1]!, runs[2]!, runs[3]!, runs[4]!);
        if (m > 0) {
          const centerX = x - runs[4]! - runs[3]! - ((runs[2]! / 2) | 0) - 1;
          const found = crossCheck(rgba, scan, width, height, centerX, y, color, m);
          if (found) addToClusters(clusters, { ...found, inverted: color === 0, count: 1 });
        }
      }
      color = v;
      len = 1;
    }
    if (clusters.length > MAX_CLUSTERS) break;
  }
  return clusters;
}

/** Checks the column through a horizontal hit; returns the refined centre or null. */
function crossCheck(
  rgba: Uint8ClampedArray,
  scan: RowScan,
  width: number,
  height: number,
  cx: number,
  cy: number,
  centerColor: number,
  m: number,
): { x: number; y: number; m: number } | null {
  const limit = Math.ceil(m * 5) + 2;
  const bx = (cx / BLOCK) | 0;
  const at = (y: number) =>
    lumaAt(rgba, y * width + cx) <= scan.threshold[((y / BLOCK) | 0) * scan.blocksWide + bx]! ? 1 : 0;
  const other = 1 - centerColor;
  let y = cy;
  let up = 0;
  while (y >= 0 && at(y) === centerColor && up <= limit) (y--, up++);
  let gapUp = 0;
  while (y >= 0 && at(y) === other && gapUp <= limit) (y--, gapUp++);
  let ringUp = 0;
  while (y >= 0 && at(y) === centerColor && ringUp <= limit) (y--, ringUp++);
  y = cy + 1;
  let down = 0;
  while (y < height && at(y) === centerColor && down <= limit) (y++, down++);
  let gapDown = 0;
  while (y < height && at(y) === other && gapDown <= limit) (y++, gapDown++);
  let ringDown = 0;
  while (y < height && at(y) === centerColor && ringDown <= limit) (y++, ringDown++);
  const mv = isFinderRatio(ringUp, gapUp, up + down, gapDown, ringDown);
  if (mv === 0 || Math.abs(mv - m) > m * 0.5 + 0.75) return null;
  return { x: cx, y: cy - up + (up + down) / 2, m: (m + mv) / 2 };
}

function addToClusters(clusters: Finder[], hit: Finder): void {
  for (const c of clusters) {
    if (c.inverted !== hit.inverted) continue;
    const reach = c.m * 1.5 + 1;
    if (Math.abs(c.x - hit.x) <= reach && Math.abs(c.y - hit.y) <= reach) {
      const n = c.count + 1;
      c.x += (hit.x - c.x) / n;
      c.y += (hit.y - c.y) / n;
      c.m += (hit.m - c.m) / n;
      c.count = n;
      return;
    }
  }
  clusters.push(hit);
}

function groupFinders(finders: Finder[], width: number, height: number): Candidate[] {
  // Most-supported finders first; the cap keeps the triple search cubic in a small number.
  const fs = [...finders].sort((a, b) => b.count - a.count).slice(0, 48);
  const out: Candidate[] = [];
  for (let i = 0; i < fs.length; i++) {
    for (let j = i + 1; j < fs.length; j++) {
      for (let k = j + 1; k < fs.length; k++) {
        const c = asCode(fs[i]!, fs[j]!, fs[k]!, width, height);
        if (c) out.push(c);
      }
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Three finders form a code when they make an isosceles right angle of a plausible size. */
function asCode(a: Finder, b: Finder, c: Finder, width: number, height: number): Candidate | null {
  if (a.inverted !== b.inverted || a.inverted !== c.inverted) return null;
  const ms = [a.m, b.m, c.m];
  const m = (a.m + b.m + c.m) / 3;
  if (Math.max(...ms) > Math.min(...ms) * 1.6 + 0.5) return null;
  const d = (p: Finder, q: Finder) => Math.hypot(p.x - q.x, p.y - q.y);
  // The corner finder is the one opposite the longest side.
  const sides: Array<[Finder, Finder, Finder, number]> = [
    [a, b, c, d(b, c)],
    [b, a, c, d(a, c)],
    [c, a, b, d(a, b)],
  ];
  sides.sort((p, q) => q[3] - p[3]);
  const [corner, p, q] = sides[0]!;
  const l1 = d(corner, p);
  const l2 = d(corner, q);
  if (Math.max(l1, l2) > Math.min(l1, l2) * 1.2) return null;
  const cos = ((p.x - corner.x) * (q.x - corner.x) + (p.y - corner.y) * (q.y - corner.y)) / (l1 * l2);
  if (Math.abs(cos) > 0.2) return null;
  const modules = (l1 + l2) / 2 / m; // finder centres are (size − 7) modules apart
  if (modules < 12 || modules > 176) return null;
  const fourth = { x: p.x + q.x - corner.x, y: p.y + q.y - corner.y };
  const xs = [corner.x, p.x, q.x, fourth.x];
  const ys = [corner.y, p.y, q.y, fourth.y];
  const pad = m * 8; // 3.5 modules to the code's edge plus a quiet zone
  const x0 = clamp(Math.floor(Math.min(...xs) - pad), 0, width);
  const y0 = clamp(Math.floor(Math.min(...ys) - pad), 0, height);
  const x1 = clamp(Math.ceil(Math.max(...xs) + pad), 0, width);
  const y1 = clamp(Math.ceil(Math.max(...ys) + pad), 0, height);
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  const score = Math.min(a.count, b.count, c.count) - Math.abs(cos) * 4 - Math.abs(l1 - l2) / m;
  return {
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    moduleSize: m,
    inverted: a.inverted,
    score,
    points: [corner, p, q],
  };
}

// ---------------------------------------------------------------------------------------------
// Pixel helpers.

/**
 * Copies `box` out of the image, scaled up nearest-neighbour by an integer factor. jsQR reads
 * RGB and ignores alpha, so transparent pixels (most generated QR images) would read as black:
 * they are composited over white, the background such images are drawn for.
 */
function cropScaled(
  rgba: Uint8ClampedArray,
  imageWidth: number,
  box: Box,
  scale: number,
  invert: boolean,
): QrImage {
  const w = box.width * scale;
  const h = box.height * scale;
  const out = new Uint8ClampedArray(w * h * 4);
  const row = new Uint8ClampedArray(w * 4);
  const pixel = [0, 0, 0];
  for (let y = 0; y < box.height; y++) {
    const src = ((box.y + y) * imageWidth + box.x) * 4;
    for (let x = 0; x < box.width; x++) {
      const s = src + x * 4;
      compositeOnWhite(rgba, s, invert, pixel);
      for (let k = 0; k < scale; k++) {
        const d = (x * scale + k) * 4;
        row[d] = pixel[0]!;
        row[d + 1] = pixel[1]!;
        row[d + 2] = pixel[2]!;
        row[d + 3] = 255;
      }
    }
    for (let k = 0; k < scale; k++) out.set(row, (y * scale + k) * w * 4);
  }
  return { data: out, width: w, height: h };
}

/** The pixel at byte `s` as if drawn on white (transparent QR backgrounds), optionally inverted, into `out`. */
function compositeOnWhite(rgba: Uint8ClampedArray, s: number, invert: boolean, out: number[]): void {
  const a = rgba[s + 3]!;
  const white = 255 - a;
  for (let c = 0; c < 3; c++) {
    const value = a === 255 ? rgba[s + c]! : (rgba[s + c]! * a) / 255 + white;
    out[c] = invert ? 255 - value : value;
  }
}

/** Samples every `step`-th pixel of `box` (near each cell's centre), composited and flipped like cropScaled. */
function cropDownscaled(rgba: Uint8ClampedArray, imageWidth: number, box: Box, step: number, invert: boolean): QrImage {
  const w = Math.floor(box.width / step);
  const h = Math.floor(box.height / step);
  const out = new Uint8ClampedArray(w * h * 4);
  const half = step >> 1;
  const pixel = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    const src = ((box.y + y * step + half) * imageWidth + box.x + half) * 4;
    for (let x = 0; x < w; x++) {
      const s = src + x * step * 4;
      compositeOnWhite(rgba, s, invert, pixel);
      const d = (y * w + x) * 4;
      out[d] = pixel[0]!;
      out[d + 1] = pixel[1]!;
      out[d + 2] = pixel[2]!;
      out[d + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}

/** Paints over a found code (padded) with the colour just outside it, so the next pass sees past it. */
function blank(rgba: Uint8ClampedArray, width: number, height: number, b: QrBounds, pad: number): void {
  const x0 = Math.max(0, b.x - pad);
  const y0 = Math.max(0, b.y - pad);
  const x1 = Math.min(width, b.x + b.width + pad);
  const y1 = Math.min(height, b.y + b.height + pad);
  const sx = x0 > 0 ? x0 - 1 : Math.min(width - 1, x1);
  const sy = y0 > 0 ? y0 - 1 : Math.min(height - 1, y1);
  const s = (sy * width + sx) * 4;
  const [r, g, bl] = [rgba[s]!, rgba[s + 1]!, rgba[s + 2]!];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = bl;
      rgba[i + 3] = 255;
    }
  }
}

function overlaps(a: QrBounds, b: QrBounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when most of `box` lies inside `inner`'s area (a crop around a code already decoded). */
function mostlyInside(box: Box, found: QrBounds): boolean {
  const ix = Math.max(0, Math.min(box.x + box.width, found.x + found.width) - Math.max(box.x, found.x));
  const iy = Math.max(0, Math.min(box.y + box.height, found.y + found.height) - Math.max(box.y, found.y));
  return ix * iy >= 0.5 * found.width * found.height && ix * iy >= 0.3 * box.width * box.height;
}

function inside(p: { x: number; y: number }, b: QrBounds): boolean {
  return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
