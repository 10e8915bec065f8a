/** RFC 4648 base32 for OTP secrets: tolerant where real QR codes are sloppy, exact everywhere else. */
import { OtpUriError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Characters people type for a base32 letter or digit they misread (0 for O, 1 for I or L, 8 for B). */
export const BASE32_MIX_UPS: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '8': 'B' };
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  LOOKUP[ALPHABET.charCodeAt(i)] = i;
  LOOKUP[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}

/**
 * Decodes base32, ignoring case, whitespace and `-` (secrets are shown in groups), with missing,
 * partial or full `=` padding. Leftover bits are dropped as Google Authenticator does, but a length
 * no byte string can produce (1, 3 or 6 characters mod 8) is rejected.
 * Throws `OtpUriError('invalid-base32')`; the message never echoes the input (it is a secret).
 */
export function decodeBase32(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const cleaned = text.replace(/[\s-]+/g, '');
  const padStart = cleaned.indexOf('=');
  const body = padStart === -1 ? cleaned : cleaned.slice(0, padStart);
  if (padStart !== -1) {
    const padding = cleaned.length - padStart;
    // Padding must be only '=' and never longer than what completes the last 8-character block.
    if (!/^=+$/.test(cleaned.slice(padStart)) || body.length % 8 === 0 || body.length % 8 + padding > 8) {
      throw new OtpUriError('invalid-base32', 'The secret has misplaced base32 padding.');
    }
  }
  // Characters first: a key with a wrong character usually also has a wrong length, and the
  // character is what the person can fix.
  if (invalidBase32Characters(body).length > 0) {
    throw new OtpUriError(
      'invalid-base32',
      'The secret contains characters a setup key never has: only the letters A to Z and the digits 2 to 7 are allowed (0, 1, 8 and 9 never appear).',
    );
  }
  const rest = body.length % 8;
  if (rest === 1 || rest === 3 || rest === 6) {
    throw new OtpUriError(
      'invalid-base32',
      'The secret is too short or too long by a character or two: check that it was copied whole.',
    );
  }
  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? LOOKUP[code]! : -1;
    if (value === -1) {
      throw new OtpUriError('invalid-base32', 'The secret contains a character that is not base32.');
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/**
 * The distinct characters of `text` that base32 does not allow, in order of first appearance
 * (case, spaces, `-` and `=` are allowed). For the form that shows the person what to fix in what
 * they typed; never put into an error message, which may travel further than the form.
 */
export function invalidBase32Characters(text: string): string[] {
  const wrong = new Set<string>();
  for (const char of text.replace(/[\s=-]+/g, '')) {
    const code = char.charCodeAt(0);
    if (char.length !== 1 || code >= 128 || LOOKUP[code] === -1) wrong.add(char);
  }
  return [...wrong];
}

/** Encodes bytes as upper-case base32 without padding (what otpauth URIs should carry). */
export function encodeBase32(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
