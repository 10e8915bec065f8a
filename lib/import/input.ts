/** Owns the hostile-input guards every importer runs first (size, JSON depth, truncation) and the per-entry helpers. */
import { OtpUriError, decodeBase32, normalizeAlgorithm, assertAccountData, withoutFormatCharacters, type OtpAccountData, type OtpAlgorithm } from '@/lib/otp';
import { TesseraError, type ErrorCode } from '@/lib/errors';
import { MAX_GROUP_LENGTH, validateGroup } from '@/lib/vault';
import { accountLabel } from '@/lib/accounts';
import { IMPORT_LIMITS, ImportFormatError, type ImportCandidate } from './types';
import type { MessageKey } from '@/lib/i18n';

/**
 * Every catalogue message the parsers use: entry names (lib/accounts' accountLabel, and the
 * fallbacks for unnamed entries). Encrypted files are opened in a Worker, which has no
 * `browser.i18n`: the page sends it these (lib/manage/decrypt-task.ts), and a unit test keeps this
 * list equal to the keys lib/import and lib/accounts/label.ts use.
 */
export const IMPORT_MESSAGE_KEYS: readonly MessageKey[] = [
  'common_account_name_with_user',
  'common_unnamed_account',
  'import_account_label',
  'import_entry_label',
  'import_ga_export_label',
  'import_line_label',
];

/** A problem with one entry: it becomes an `ok: false` candidate, the rest of the file still imports. */
export class EntryProblem extends TesseraError {}

/** Refuses text above the size limit, counting UTF-8 bytes as the file on disk had them. */
export function assertImportSize(text: string): void {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const tooLarge = () => new ImportFormatError('too-large', `The file is larger than ${IMPORT_LIMITS.maxBytes / (1024 * 1024)} MB.`, {
      params: [`${IMPORT_LIMITS.maxBytes / (1024 * 1024)} MB`],
    });
  if (text.length > IMPORT_LIMITS.maxBytes) throw tooLarge();
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only count exactly when it could matter.
  if (text.length * 3 > IMPORT_LIMITS.maxBytes && new TextEncoder().encode(text).length > IMPORT_LIMITS.maxBytes) {
    throw tooLarge();
  }
}

/**
 * Parses JSON text after the size and depth checks. The depth is measured by a scan before
 * `JSON.parse`, which on deep input can throw a RangeError (stack) or take long; the same scan
 * tells a truncated file (unclosed brackets or string) from one that is merely malformed.
 */
export function readJson(text: string): unknown {
  assertImportSize(text);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ImportFormatError('empty', 'The file is empty.');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const char = body.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > IMPORT_LIMITS.maxJsonDepth) throw tooDeep();
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  const unclosed = inString || depth > 0;
  try {
    return JSON.parse(body);
  } catch (cause) {
    if (cause instanceof RangeError) throw tooDeep(cause);
    if (unclosed) throw new ImportFormatError('truncated', 'The file ends too early: it looks cut off.', { cause });
    throw new ImportFormatError('malformed', 'The file is not valid JSON.', { cause });
  }
}

function tooDeep(cause?: unknown): ImportFormatError {
  return new ImportFormatError('too-deep', `The file nests deeper than ${IMPORT_LIMITS.maxJsonDepth} levels; no export does that.`, { cause });
}

/**
 * Accepts JSON text or an already parsed value. A parsed value is depth-checked too (iteratively,
 * so a hostile object cannot overflow the stack here either).
 */
export function toJson(input: unknown): unknown {
  if (typeof input === 'string') return readJson(input);
  const stack: Array<[unknown, number]> = [[input, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > IMPORT_LIMITS.maxJsonDepth) throw tooDeep();
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return input;
}

/** Text-format input: size-checked, BOM removed, split into trimmed lines (CRLF or LF). */
export function readLines(input: unknown): string[] {
  if (typeof input !== 'string') throw new ImportFormatError('not-this-format', 'This format is plain text, not JSON.');
  assertImportSize(input);
  return input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((line) => line.trim());
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The preview's name for an entry: never the secret; without invisible characters, as the vault stores it. */
export function labelOf(rawIssuer: string, rawAccount: string, fallback: string): string {
  const issuer = withoutFormatCharacters(rawIssuer);
  const account = withoutFormatCharacters(rawAccount);
  return accountLabel({ issuer, account }, fallback);
}

/**
 * Runs one entry's conversion; any failure becomes that entry's problem. OTP errors keep their
 * code; unexpected errors are reported by kind only, since their text could echo the entry.
 */
export function candidateFrom(label: string, convert: () => OtpAccountData): ImportCandidate {
  try {
    const account = convert();
    try {
      assertAccountData(account);
    } catch (cause) {
      throw new EntryProblem('invalid-entry', 'This entry has values Tessera cannot use.', { cause });
    }
    return { ok: true, account, label };
  } catch (error) {
    return { ok: false, label, problem: problemOf(error) };
  }
}

/**
 * Another app's group or folder name as a Tessera group: cut to our length (a long folder path
 * should not fail the entry), then the vault's own rules; anything they refuse becomes no group.
 */
export function importedGroup(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const short = [...withoutFormatCharacters(name.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')).trim()].slice(0, MAX_GROUP_LENGTH).join('');
  try {
    return validateGroup(short) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The candidate with its group, when it is an account and has one. */
export function withGroup(candidate: ImportCandidate, group: string | undefined): ImportCandidate {
  return candidate.ok && group !== undefined ? { ...candidate, group } : candidate;
}

export function problemOf(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof TesseraError) return { code: error.code, message: error.message };
  return { code: 'invalid-entry', message: 'This entry could not be read.' };
}

export function readString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Base32 as the apps write it (padded or not, any case, spaces); an empty secret is its own problem. */
export function readSecret(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.replace(/[\s=-]/g, '') === '') {
    throw new EntryProblem('missing-secret', 'This entry has no secret.');
  }
  const secret = decodeBase32(value);
  if (secret.length === 0) throw new EntryProblem('missing-secret', 'This entry has no secret.');
  return secret;
}

export function readAlgorithm(value: unknown): OtpAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  if (typeof value !== 'string') throw new OtpUriError('unsupported-algorithm', 'This entry names an unknown hash algorithm.');
  return normalizeAlgorithm(value);
}

/** An integer field with a default when absent; present but not a whole number in range is a problem. */
export function readInt(value: unknown, fallback: number | undefined, code: ErrorCode, what: string, min: number, max: number): number {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new EntryProblem(code, `This entry has no ${what}.`);
    return fallback;
  }
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new EntryProblem(code, `This entry has an invalid ${what}.`);
  }
  return number;
}
