/**
 * Times `decodeQrCodes` on synthetic frames: a 2560×1600 screenshot (1280×800 at 2× DPR) with one
 * code among noise and text-like blocks, the same with two codes, and a small 2-px-module image.
 * Runs under Node; `npm run bench` also measures the real capture path in Chromium.
 */
import { decodeQrCodes, type QrImage } from '@/lib/qr/decode';
import { blankImage, drawQr, screenshotLike } from '@/tests/unit/qr/qr-image';

const URI = 'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const OTHER = 'otpauth://totp/Example:bob@example.com?secret=KRSXG5CTMVRXEZLU&issuer=Example';

export type QrBenchResult = { name: string; firstMs: number; medianMs: number; found: number };

function time(name: string, image: QrImage, expected: number, runs = 7): QrBenchResult {
  let t = performance.now();
  const found = decodeQrCodes(image).length;
  const firstMs = performance.now() - t;
  if (found !== expected) throw new Error(`${name}: found ${found} codes, expected ${expected}`);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    decodeQrCodes(image);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { name, firstMs, medianMs: samples[samples.length >> 1]!, found };
}

export function runQrBench(): QrBenchResult[] {
  const one = screenshotLike(2560, 1600, 21);
  drawQr(one, URI, 1500, 620, { scale: 8 }); // a 200-CSS-px code at 2× DPR
  const two = screenshotLike(2560, 1600, 22);
  drawQr(two, URI, 300, 300, { scale: 8 });
  drawQr(two, OTHER, 1700, 900, { scale: 6 });
  const small = blankImage(160, 160);
  drawQr(small, URI, 0, 0, { scale: 2, margin: 4 });
  const results = [
    time('2560x1600 screenshot, one code', one, 1),
    time('2560x1600 screenshot, two codes', two, 2),
    time('160x160 image, 2-px modules', small, 1),
  ];
  for (const r of results) {
    console.log(`qr: ${r.name}: first ${r.firstMs.toFixed(1)} ms, median ${r.medianMs.toFixed(1)} ms`);
  }
  return results;
}

// `npx tsx tests/bench/qr-bench.ts` runs it on its own.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) runQrBench();
