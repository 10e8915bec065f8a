/** Owns the manage page's pure rules about files: image or text, size limits, format names, QR texts. */
import { IMPORT_LIMITS, type ImportFormat } from '@/lib/import';

/** Photos of a screen can be large; anything bigger is not a QR screenshot. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);
const IMAGE_EXTENSIONS = /\.(png|jpe?g|webp)$/i;

/** By MIME type, or by extension when the system gives none. Content decides in the end: a non-image fails to decode. */
export function isImageFile(file: { name: string; type: string }): boolean {
  return IMAGE_TYPES.has(file.type) || (file.type === '' && IMAGE_EXTENSIONS.test(file.name));
}

export function fileTooLarge(file: { size: number }, image: boolean): string | null {
  const limit = image ? MAX_IMAGE_BYTES : IMPORT_LIMITS.maxBytes;
  return file.size > limit ? `The file is larger than ${limit / (1024 * 1024)} MB.` : null;
}

export const FORMAT_NAMES: { readonly [F in ImportFormat]: string } = {
  'tessera-backup': 'Tessera backup',
  'google-authenticator': 'Google Authenticator export',
  aegis: 'Aegis vault',
  '2fas': '2FAS backup',
  'authenticator-extension': 'Authenticator extension backup',
  andotp: 'andOTP backup',
  'freeotp-plus': 'FreeOTP+ export',
  'bitwarden-json': 'Bitwarden export (JSON)',
  'bitwarden-csv': 'Bitwarden export (CSV)',
  ente: 'ente Auth export',
  'otpauth-text': 'otpauth:// link list',
};

const OTP_QR = /^otpauth(-migration)?:\/\//i;

/** The texts of decoded QR codes that are 2FA setups; other QR codes (web links…) are not ours to read. */
export function otpQrTexts(texts: readonly string[]): string[] {
  return texts.map((text) => text.trim()).filter((text) => OTP_QR.test(text));
}

export type PassphraseStrength = { level: 'too-short' | 'weak' | 'fair' | 'strong'; hint: string };

/**
 * A rough estimate from length and character variety, said as a hint, not a promise: it cannot see
 * that "Password1!" is common. Words count for more than symbols, so long phrases rank well.
 */
export function passphraseStrength(passphrase: string, minLength = 8): PassphraseStrength {
  const length = [...passphrase].length;
  if (length < minLength) return { level: 'too-short', hint: `Use at least ${minLength} characters.` };
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  // Spaces separate words; they add length (counted above), not variety.
  if (/[^a-zA-Z0-9\s]/.test(passphrase)) pool += 33;
  const bits = length * Math.log2(Math.max(pool, 2));
  if (bits < 50) return { level: 'weak', hint: 'Weak: a longer passphrase (several words) is much harder to guess.' };
  if (bits < 75) return { level: 'fair', hint: 'Fair: a few more words would make it strong.' };
  return { level: 'strong', hint: 'Strong, if it is not a phrase others use.' };
}
