import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from '@/lib/manage/qr-matrix';
import { decodeQrCodes } from '@/lib/qr/decode';

/** Draws the matrix as RGBA pixels, the way the SVG looks on screen (quiet zone included). */
function render(text: string, scale = 4, quiet = 4) {
  const matrix = qrMatrix(text);
  const side = (matrix.size + quiet * 2) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.dark(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const i = (((row + quiet) * scale + y) * side + (col + quiet) * scale + x) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { data, width: side, height: side };
}

describe('qr matrix', () => {
  it.each([
    'otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30',
    `otpauth-migration://offline?data=${'CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B'.repeat(8)}`,
  ])('draws a code an independent decoder (jsQR) reads back: %#', (text) => {
    expect(decodeQrCodes(render(text)).map((code) => code.text)).toEqual([text]);
  });

  it('writes one 1×1 square per dark module, offset by the quiet zone', () => {
    const matrix = qrMatrix('hello');
    const squares = qrPath(matrix, 4).match(/M\d+ \d+h1v1h-1z/g) ?? [];
    let dark = 0;
    for (let r = 0; r < matrix.size; r++) for (let c = 0; c < matrix.size; c++) dark += Number(matrix.dark(r, c));
    expect(squares).toHaveLength(dark);
    // The top-left finder pattern starts right after the quiet zone.
    expect(qrPath(matrix, 4).startsWith('M4 4h1v1h-1z')).toBe(true);
  });

  it('refuses empty text', () => {
    expect(() => qrMatrix('')).toThrow(TypeError);
  });
});
