/** Owns reading plain-text exports with one `otpauth://` (or `otpauth-migration://`) URI per line. */
import { t } from '@/lib/i18n';
import { parseMigrationBatch, parseOtpauthUri, type MigrationBatch } from '@/lib/otp';
import { candidateFrom, labelOf, problemOf, readLines } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

/** Lines that carry nothing: blank ones and `#` comments (written by some tools and by people). */
export function isIgnorableLine(line: string): boolean {
  return line === '' || line.startsWith('#');
}

export function looksLikeOtpauthText(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => !isIgnorableLine(line));
  return lines.length > 0 && lines.some((line) => OTPAUTH.test(line)) && lines.every((line) => OTPAUTH.test(line) || MIGRATION.test(line));
}

/** One candidate per account; a line that is not a URI, or a URI that does not parse, is that line's problem. */
export async function parseOtpauthText(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  return parseUriLines(input, (line, index) => [uriCandidate(line, index)]);
}

export type LineConverter = (line: string, index: number) => ImportCandidate[];

export function parseUriLines(input: unknown, convertOtpauth: LineConverter): ImportCandidate[] {
  const lines = readLines(input);
  const candidates: ImportCandidate[] = [];
  let uris = 0;
  lines.forEach((line, index) => {
    if (isIgnorableLine(line)) return;
    if (OTPAUTH.test(line)) {
      uris++;
      candidates.push(...convertOtpauth(line, index));
    } else if (MIGRATION.test(line)) {
      uris++;
      candidates.push(...migrationCandidates(line, t('import_line_label', index + 1)));
    } else {
      candidates.push({ ok: false, label: t('import_line_label', index + 1), problem: { code: 'not-a-uri', message: 'This line is not an otpauth:// URI.' } });
    }
  });
  if (uris === 0) throw new ImportFormatError('not-this-format', 'The file contains no otpauth:// URI.');
  return candidates;
}

export function uriCandidate(line: string, index: number): ImportCandidate {
  // The label is only known after parsing; a line that fails keeps its line number.
  let label = t('import_line_label', index + 1);
  const candidate = candidateFrom(label, () => {
    const data = parseOtpauthUri(line);
    label = labelOf(data.issuer, data.account, label);
    return data;
  });
  return { ...candidate, label };
}

/** A Google Authenticator export URI (one QR code) holds several accounts; a broken one is one problem. */
export function migrationCandidates(line: string, fallbackLabel: string): ImportCandidate[] {
  return readMigrationLine(line, fallbackLabel).candidates;
}

export function readMigrationLine(line: string, fallbackLabel: string): { candidates: ImportCandidate[]; batch?: MigrationBatch } {
  let batch: MigrationBatch;
  try {
    batch = parseMigrationBatch(line);
  } catch (error) {
    return { candidates: [{ ok: false, label: fallbackLabel, problem: problemOf(error) }] };
  }
  if (batch.accounts.length === 0) {
    return { candidates: [{ ok: false, label: fallbackLabel, problem: { code: 'empty-export', message: 'This export QR code holds no accounts.' } }], batch };
  }
  const candidates = batch.accounts.map((account, i) =>
    candidateFrom(labelOf(account.issuer, account.account, `${fallbackLabel}, account ${i + 1}`), () => account),
  );
  return { candidates, batch };
}
