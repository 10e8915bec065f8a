/**
 * Owns reading QR codes out of an image file on the manage page: decode with the browser's image
 * decoder (`createImageBitmap`), draw on a canvas, hand the pixels to `decodeQrCodes`.
 * DOM only (no extension API), so it lives beside the state it serves.
 */
import { decodeQrCodes } from '@/lib/qr';
import { TesseraError } from '@/lib/errors';

/** A 4000 px photo still holds a readable code at half size; more pixels only cost time. */
const MAX_SIDE = 2400;

export class ImageReadError extends TesseraError {}

export async function readQrTexts(file: Blob): Promise<string[]> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (cause) {
    throw new ImageReadError('not-an-image', 'This file could not be read as a PNG, JPEG or WebP image.', { cause });
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new ImageReadError('not-an-image', 'The image could not be drawn for reading.');
    // White under transparent pixels: a transparent PNG's "dark" modules would otherwise vanish.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return decodeQrCodes({ data, width, height }, { maxCodes: 16 }).map((code) => code.text);
  } finally {
    bitmap.close();
  }
}
