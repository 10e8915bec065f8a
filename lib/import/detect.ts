/** Owns choosing the importer for a file (by its content; the file name only adds hints) and running it. */
import { BackupFormatError, looksLikeTesseraBackup, readBackupJson } from './tessera-backup';
import { PassphraseError } from '@/lib/crypto';
import { looksLikeAegis, parseAegis } from './aegis';
import { looksLikeAndOtp, parseAndOtp } from './andotp';
import { looksLikeAuthenticatorExtension, parseAuthenticatorExtension } from './authenticator-extension';
import { looksLikeBitwardenCsv, looksLikeBitwardenJson, parseBitwardenCsv, parseBitwardenJson } from './bitwarden';
import { looksLikeEnte, parseEnte } from './ente';
import { looksLikeFreeOtpPlus, parseFreeOtpPlus } from './freeotp-plus';
import { looksLikeGoogleAuthenticator, parseGoogleAuthenticator } from './google-authenticator';
import { assertImportSize, isRecord, readJson } from './input';
import { looksLikeOtpauthText, parseOtpauthText } from './otpauth-text';
import { looksLikeTwoFas, parseTwoFas } from './two-fas';
import { ImportFormatError, type ImportCandidate, type ImportFormat, type ImportOptions } from './types';

/** JSON formats, most specific test first (andOTP's bare array and the extension's keyed object are the loosest). */
const JSON_FORMATS: ReadonlyArray<[ImportFormat, (json: unknown) => boolean]> = [
  ['tessera-backup', looksLikeTesseraBackup],
  ['aegis', looksLikeAegis],
  ['2fas', looksLikeTwoFas],
  ['freeotp-plus', looksLikeFreeOtpPlus],
  ['bitwarden-json', looksLikeBitwardenJson],
  ['andotp', looksLikeAndOtp],
  ['authenticator-extension', looksLikeAuthenticatorExtension],
];

type Detected = { format: ImportFormat; json?: unknown };

/** Which importer reads this file; throws `ImportFormatError` (`not-this-format`, `too-large`, `truncated`, …) when none does. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  return detect(fileName, text).format;
}

function detect(fileName: string, text: string): Detected {
  if (typeof fileName !== 'string') throw new TypeError('fileName must be a string');
  assertImportSize(text);
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (/\.aes$/i.test(fileName)) {
    throw new ImportFormatError(
      'unsupported-encryption',
      'Encrypted andOTP backups cannot be read here. In andOTP, export a plain JSON backup, import it, then delete that file.',
    );
  }
  if (looksBinary(body)) throw binaryFileError(fileName, body);
  if (body.startsWith('{') || body.startsWith('[')) {
    const json = readJson(text);
    const match = JSON_FORMATS.find(([, looksLike]) => looksLike(json));
    if (match) return { format: match[0], json };
    refuseKnownEncryptedExports(json);
    throw new ImportFormatError('not-this-format', 'Tessera does not recognise this JSON file as an export of a supported app.');
  }
  if (looksLikeEnte(body)) return { format: 'ente' };
  if (looksLikeGoogleAuthenticator(body)) return { format: 'google-authenticator' };
  if (looksLikeOtpauthText(body)) return { format: 'otpauth-text' };
  if (looksLikeBitwardenCsv(body)) return { format: 'bitwarden-csv' };
  const hint = /\.(tessera|json|2fas)$/i.test(fileName) ? ' It does not even start like a JSON file.' : '';
  throw new ImportFormatError('not-this-format', `Tessera does not recognise this file as an export of a supported app.${hint}`);
}

/** Encrypted exports of apps whose ciphers Tessera does not implement: say how to get a readable file. */
function refuseKnownEncryptedExports(json: unknown): void {
  if (!isRecord(json)) return;
  if (json.encrypted === true && ('encKeyValidation_DO_NOT_EDIT' in json || 'passwordProtected' in json)) {
    throw new ImportFormatError(
      'unsupported-encryption',
      'This Bitwarden export is encrypted. Export again from Bitwarden as unencrypted JSON or CSV, import it, then delete that file.',
    );
  }
  if (isRecord(json.kdfParams) && 'encryptedData' in json && 'encryptionNonce' in json) {
    throw new ImportFormatError(
      'unsupported-encryption',
      'Encrypted ente Auth exports cannot be read here. In ente Auth, export as plain text, import it, then delete that file.',
    );
  }
}

/**
 * Says what a binary-looking file most likely is: a picture (its header says so), a damaged export
 * (it starts like one, or is named like one), or some other file.
 */
function binaryFileError(fileName: string, body: string): ImportFormatError {
  const head = body.slice(0, 32);
  const image = /^\uFFFDPNG|^GIF8[79]a|^RIFF[\s\S]{4}WEBP/.test(head) || /^\uFFFD+[\s\S]{0,8}(JFIF|Exif)/.test(head);
  if (image) {
    return new ImportFormatError(
      'image-not-export',
      'This is an image, not an export. To read a QR code from a picture, use the QR image import.',
    );
  }
  if (/^[{[]/.test(body) || /\.(tessera|json|2fas|txt|csv)$/i.test(fileName)) {
    return new ImportFormatError(
      'truncated',
      'This file looks damaged: it starts like an export but contains data no export has. Export it again from the other app, or use another copy of the backup.',
    );
  }
  return new ImportFormatError(
    'not-this-format',
    'This is not a file Tessera can import: it holds binary data rather than an export. If it is a picture of a QR code, use the QR image import.',
  );
}

/** NUL bytes, or the replacement characters a PNG/JPEG header turns into when read as UTF-8. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 512);
  return head.includes('\u0000') || head.startsWith('\uFFFDPNG') || /^\uFFFD{2,}/.test(head) || (head.match(/\uFFFD/g)?.length ?? 0) > 8;
}

/** Detects the format and parses the file. A file-level problem throws `ImportFormatError`; entry problems are candidates. */
export async function importFile(
  fileName: string,
  text: string,
  options: ImportOptions = {},
): Promise<{ format: ImportFormat; candidates: ImportCandidate[] }> {
  const { format, json } = detect(fileName, text);
  const candidates = await PARSERS[format](json ?? text, options);
  return { format, candidates };
}

type Parser = (input: unknown, options: ImportOptions) => Promise<ImportCandidate[]>;

const PARSERS: { readonly [F in ImportFormat]: Parser } = {
  'tessera-backup': readTesseraBackup,
  aegis: parseAegis,
  '2fas': parseTwoFas,
  'freeotp-plus': parseFreeOtpPlus,
  'bitwarden-json': parseBitwardenJson,
  'bitwarden-csv': parseBitwardenCsv,
  andotp: parseAndOtp,
  'authenticator-extension': parseAuthenticatorExtension,
  ente: parseEnte,
  'google-authenticator': parseGoogleAuthenticator,
  'otpauth-text': parseOtpauthText,
};

/** A restore through the import path speaks the import error language (one `code` set for the UI). */
async function readTesseraBackup(json: unknown, options: ImportOptions): Promise<ImportCandidate[]> {
  if (options.password === undefined || options.password === '') {
    throw new ImportFormatError('password-required', 'This Tessera backup is encrypted: enter its passphrase.');
  }
  try {
    return (await readBackupJson(json, options.password)).accounts;
  } catch (error) {
    if (error instanceof PassphraseError) {
      if (error.code === 'wrong-passphrase') throw new ImportFormatError('wrong-password', error.message, { cause: error });
      if (error.code === 'unsupported-envelope') throw new ImportFormatError('unsupported-encryption', error.message, { cause: error });
      throw new ImportFormatError('corrupt-backup', error.message, { cause: error });
    }
    if (error instanceof BackupFormatError) {
      const code =
        error.code === 'unsupported-version' || error.code === 'malformed'
          ? error.code
          : error.code === 'not-a-backup'
            ? 'not-this-format'
            : 'corrupt-backup';
      throw new ImportFormatError(code, error.message, { cause: error });
    }
    throw error;
  }
}
