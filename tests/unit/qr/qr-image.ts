/**
 * Renders QR codes into RGBA buffers for tests and the bench, from the `qrcode` package's module
 * matrix: an encoder independent of jsQR, so decoding its output is a fair check.
 */
import QRCode from 'qrcode';

export type Rgba = { data: Uint8ClampedArray; width: number; height: number };
export type Colour = [number, number, number];

export function blankImage(width: number, height: number, colour: Colour = [255, 255, 255]): Rgba {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = colour[0];
    data[i + 1] = colour[1];
    data[i + 2] = colour[2];
    data[i + 3] = 255;
  }
  return { data, width, height };
}

export function fillRect(img: Rgba, x: number, y: number, w: number, h: number, colour: Colour): void {
  for (let yy = Math.max(0, y); yy < Math.min(img.height, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(img.width, x + w); xx++) {
      const i = (yy * img.width + xx) * 4;
      img.data[i] = colour[0];
      img.data[i + 1] = colour[1];
      img.data[i + 2] = colour[2];
      img.data[i + 3] = 255;
    }
  }
}

export type DrawOptions = {
  scale?: number; // px per module
  margin?: number; // quiet zone in modules, painted in `light`
  dark?: Colour;
  light?: Colour;
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
};

/** The module matrix (true = dark) of `text` or raw bytes, as the `qrcode` package encodes it. */
export function qrMatrix(content: string | Uint8Array, level: 'L' | 'M' | 'Q' | 'H' = 'M'): boolean[][] {
  const segments =
    typeof content === 'string' ? content : [{ data: content, mode: 'byte' as const }];
  const qr = QRCode.create(segments as string, { errorCorrectionLevel: level });
  const size = qr.modules.size;
  const rows: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) row.push(Boolean(qr.modules.get(y, x)));
    rows.push(row);
  }
  return rows;
}

/** Draws a code into `img` with its top-left quiet-zone corner at (x, y); returns the code's pixel box. */
export function drawQr(img: Rgba, content: string | Uint8Array, x: number, y: number, opts: DrawOptions = {}) {
  const { scale = 4, margin = 4, dark = [0, 0, 0], light = [255, 255, 255] } = opts;
  const matrix = qrMatrix(content, opts.errorCorrectionLevel);
  const size = matrix.length;
  const full = (size + 2 * margin) * scale;
  fillRect(img, x, y, full, full, light);
  matrix.forEach((row, my) =>
    row.forEach((on, mx) => {
      if (on) fillRect(img, x + (mx + margin) * scale, y + (my + margin) * scale, scale, scale, dark);
    }),
  );
  return { x: x + margin * scale, y: y + margin * scale, width: size * scale, height: size * scale, full };
}

/** A standalone image holding one code. */
export function qrImage(content: string | Uint8Array, opts: DrawOptions = {}): Rgba {
  const { scale = 4, margin = 4 } = opts;
  const size = qrMatrix(content, opts.errorCorrectionLevel).length;
  const side = (size + 2 * margin) * scale;
  const img = blankImage(side, side, opts.light ?? [255, 255, 255]);
  drawQr(img, content, 0, 0, opts);
  return img;
}

/** Deterministic pseudo-random numbers (mulberry32), so noisy images are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A page-like frame: light background, grey noise, and rows of dark "text" blocks. */
export function screenshotLike(width: number, height: number, seed = 1): Rgba {
  const img = blankImage(width, height, [250, 250, 250]);
  const rand = rng(seed);
  for (let i = 0; i < img.data.length; i += 4) {
    const n = (rand() * 12) | 0;
    img.data[i] = 244 + (n % 12);
    img.data[i + 1] = 244 + (n % 12);
    img.data[i + 2] = 244 + (n % 12);
  }
  // Text-like lines: short dark blocks of glyph size, in rows.
  for (let line = 40; line < height - 40; line += 28) {
    if (rand() < 0.35) continue;
    let x = 40 + ((rand() * 200) | 0);
    const end = width - 40 - ((rand() * 600) | 0);
    while (x < end) {
      const w = 3 + ((rand() * 9) | 0);
      const h = 10 + ((rand() * 6) | 0);
      fillRect(img, x, line + (16 - h), w, h, [30, 30, 30]);
      x += w + 2 + ((rand() * 3) | 0) + (rand() < 0.15 ? 8 : 0);
    }
  }
  // A few coloured panels, like images and buttons.
  for (let k = 0; k < 8; k++) {
    const w = 80 + ((rand() * 300) | 0);
    const h = 40 + ((rand() * 200) | 0);
    const c = [(rand() * 255) | 0, (rand() * 255) | 0, (rand() * 255) | 0] as Colour;
    fillRect(img, (rand() * (width - w)) | 0, (rand() * (height - h)) | 0, w, h, c);
  }
  return img;
}
