/** Owns reading ente Auth plain-text exports: otpauth URIs, one per line, with an ente `codeDisplay` parameter. */
import { isRecord } from './input';
import { parseUriLines, uriCandidate } from './otpauth-text';
import type { ImportCandidate, ImportOptions } from './types';

export function looksLikeEnte(text: string): boolean {
  return /^otpauth:\/\/[^\n]*[?&]codeDisplay=/im.test(text);
}

/** Like plain otpauth text, except that entries ente holds in its trash are reported, not imported. */
export async function parseEnte(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  return parseUriLines(input, (line, index) => {
    const candidate = uriCandidate(line, index);
    if (candidate.ok && isTrashed(line)) {
      return [{ ok: false, label: candidate.label, problem: { code: 'in-trash', message: "This entry is in ente's trash, so it was not imported." } }];
    }
    return [candidate];
  });
}

function isTrashed(line: string): boolean {
  const match = /[?&]codeDisplay=([^&]*)/i.exec(line);
  if (!match) return false;
  try {
    const display: unknown = JSON.parse(decodeURIComponent(match[1]!.replace(/\+/g, ' ')));
    return isRecord(display) && display.trashed === true;
  } catch {
    // codeDisplay is cosmetic; an unreadable one does not make the account unusable.
    return false;
  }
}
