/** Owns the shapes every importer shares: candidates, options, format names and the file-level error. */
import { TesseraError, type ErrorParams, type TesseraErrorOptions } from '@/lib/errors';
import type { OtpAccountData } from '@/lib/otp';
import type { SiteBinding } from '@/lib/vault';

export type ImportFormat =
  | 'tessera-backup'
  | 'google-authenticator'
  | 'aegis'
  | '2fas'
  | 'authenticator-extension'
  | 'andotp'
  | 'freeotp-plus'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | 'ente'
  | 'otpauth-text';

/** Only a Tessera backup carries these; other apps' bindings and flags do not map onto ours. */
export type CandidateExtras = { sites: SiteBinding[]; pinned: boolean; order: number };

/** One entry of a file as the preview shows it. A problem in one entry never fails the file. */
export type ImportCandidate =
  /** `group`: the entry's group (Aegis, 2FAS), folder (Bitwarden) or Tessera group, already cleaned. */
  | { ok: true; account: OtpAccountData; label: string; extras?: CandidateExtras; group?: string }
  | { ok: false; label: string; problem: { code: string; message: string; params?: ErrorParams } };

export type ImportOptions = {
  password?: string;
  /** Fraction (0–1) of a file's key derivation done, for a progress bar. */
  onProgress?: (done: number) => void;
};

export type ImportFormatErrorCode =
  /** The file is some other format (or not an export at all). */
  | 'not-this-format'
  /** A picture given as an export file: its QR codes are read by the image import instead. */
  | 'image-not-export'
  /** Encrypted with a key-derivation cost Tessera refuses to run. */
  | 'too-costly-encryption'
  /** The file ends in the middle of its structure. */
  | 'truncated'
  /** Structured text that does not parse, or required fields with wrong types. */
  | 'malformed'
  | 'empty'
  | 'too-large'
  | 'too-deep'
  | 'password-required'
  | 'wrong-password'
  /** A version of the format Tessera does not know (usually newer than this build). */
  | 'unsupported-version'
  /** Encrypted in a way Tessera cannot open; the message says how to export it instead. */
  | 'unsupported-encryption'
  /** A Tessera backup whose envelope or payload is damaged. */
  | 'corrupt-backup';

/** A file-level failure: nothing from the file is used. Messages name the problem, never file content. */
export class ImportFormatError extends TesseraError {
  declare readonly code: ImportFormatErrorCode;
  constructor(code: ImportFormatErrorCode, message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
  }
}

/** Limits applied before any parsing: a bigger or deeper file is refused, not half-read. */
export const IMPORT_LIMITS = Object.freeze({ maxBytes: 5 * 1024 * 1024, maxJsonDepth: 32 });
