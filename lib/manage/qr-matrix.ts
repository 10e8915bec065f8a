/**
 * Owns turning text into QR modules for on-screen export codes (rendered as SVG by the page:
 * no canvas, no data URL, no HTML injection). The only caller of the `qrcode` package.
 */
import { create } from 'qrcode';

export type QrMatrix = { size: number; dark: (row: number, col: number) => boolean };

/** Level M: exports are shown on a clean screen, so density matters more than damage tolerance. */
export function qrMatrix(text: string): QrMatrix {
  if (typeof text !== 'string' || text === '') throw new TypeError('text must be a non-empty string');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}

/** One SVG path for every dark module, in module units, offset by the quiet zone. */
export function qrPath(matrix: QrMatrix, quietZone = 4): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.dark(row, col)) parts.push(`M${col + quietZone} ${row + quietZone}h1v1h-1z`);
    }
  }
  return parts.join('');
}
