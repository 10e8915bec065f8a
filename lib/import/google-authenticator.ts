/** Owns reading Google Authenticator exports given as text: `otpauth-migration://` URIs, one QR code per line. */
import { formatList, formatNumber, t } from '@/lib/i18n';
import { isIgnorableLine, readMigrationLine } from './otpauth-text';
import { readLines } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

const MIGRATION = /^otpauth-migration:\/\//i;

export function looksLikeGoogleAuthenticator(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => !isIgnorableLine(line));
  return lines.length > 0 && lines.every((line) => MIGRATION.test(line));
}

/**
 * Every account of every export URI. An export of several QR codes shares a batch id; when some of
 * its codes are missing, one extra problem entry says which, so the user can scan them too.
 */
export async function parseGoogleAuthenticator(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const lines = readLines(input);
  const candidates: ImportCandidate[] = [];
  const batches = new Map<number, { size: number; seen: Set<number> }>();
  let uris = 0;
  lines.forEach((line, index) => {
    if (isIgnorableLine(line)) return;
    const label = `QR code on line ${index + 1}`;
    if (!MIGRATION.test(line)) {
      candidates.push({ ok: false, label, problem: { code: 'not-a-uri', message: 'This line is not an otpauth-migration:// URI.' } });
      return;
    }
    uris++;
    const { candidates: read, batch } = readMigrationLine(line, label);
    candidates.push(...read);
    if (batch && batch.batchSize > 1) {
      const seen = batches.get(batch.batchId) ?? { size: batch.batchSize, seen: new Set<number>() };
      seen.seen.add(batch.batchIndex);
      batches.set(batch.batchId, seen);
    }
  });
  if (uris === 0) throw new ImportFormatError('not-this-format', 'The file contains no otpauth-migration:// URI.');
  for (const { size, seen } of batches.values()) {
    const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !seen.has(i));
    if (missing.length > 0) {
      candidates.push({
        ok: false,
        label: t('import_ga_export_label'),
        problem: {
          code: 'incomplete-export',
          params: [formatList(missing.map((i) => formatNumber(i + 1)), 'unit'), size],
          message: `This export has ${size} QR codes; code${missing.length > 1 ? 's' : ''} ${missing.map((i) => i + 1).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
        },
      });
    }
  }
  return candidates;
}
