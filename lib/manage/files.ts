/** Owns the manage page's pure rules about files: image or text, size limits, format names, QR texts. */
import { IMPORT_LIMITS, type ImportFormat } from '@/lib/import';
import { errorText } from '@/lib/error-text';
import { t, type MessageKey } from '@/lib/i18n';

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
  return file.size > limit ? errorText('too-large', [`${limit / (1024 * 1024)} MB`]) : null;
}

const FORMAT_KEYS: { readonly [F in ImportFormat]: MessageKey } = {
  'tessera-backup': 'format_tessera_backup',
  'google-authenticator': 'format_google_authenticator',
  aegis: 'format_aegis',
  '2fas': 'format_2fas',
  'authenticator-extension': 'format_authenticator_extension',
  andotp: 'format_andotp',
  'freeotp-plus': 'format_freeotp_plus',
  'bitwarden-json': 'format_bitwarden_json',
  'bitwarden-csv': 'format_bitwarden_csv',
  ente: 'format_ente',
  'otpauth-text': 'format_otpauth_text',
};

/** The name of an import format in the UI language. */
export function formatNameOf(format: ImportFormat): string {
  return t(FORMAT_KEYS[format] as 'format_ente');
}

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
  if (length < minLength) return { level: 'too-short', hint: t('strength_too_short', minLength) };
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  // Spaces separate words; they add length (counted above), not variety.
  if (/[^a-zA-Z0-9\s]/.test(passphrase)) pool += 33;
  const bits = length * Math.log2(Math.max(pool, 2));
  if (bits < 50) return { level: 'weak', hint: t('strength_weak') };
  if (bits < 75) return { level: 'fair', hint: t('strength_fair') };
  return { level: 'strong', hint: t('strength_strong') };
}
