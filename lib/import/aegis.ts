/** Owns reading Aegis vault exports (docs/vault.md): plain JSON and password-encrypted, content versions 1–3. */
import { t } from '@/lib/i18n';
import { ForeignBackupError, decryptAegisVault } from '@/lib/crypto';
import { OTP_DEFAULTS, type OtpAccountData } from '@/lib/otp';
import { EntryProblem, candidateFrom, importedGroup, isRecord, labelOf, readAlgorithm, readInt, readJson, readSecret, readString, toJson, withGroup } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';
import { foreignBackupToImportError } from './errors';

const VAULT_VERSION = 1;
const MAX_CONTENT_VERSION = 3;

export function looksLikeAegis(json: unknown): boolean {
  return isRecord(json) && isRecord(json.header) && 'db' in json && 'slots' in json.header;
}

export async function parseAegis(input: unknown, options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const vault = toJson(input);
  if (!looksLikeAegis(vault)) throw new ImportFormatError('not-this-format', 'This is not an Aegis vault.');
  const { version, header, db } = vault as { version: unknown; header: Record<string, unknown>; db: unknown };
  if (version !== VAULT_VERSION) {
    throw new ImportFormatError('unsupported-version', 'This Aegis vault uses a format version Tessera does not know.');
  }
  let content: unknown;
  if (typeof db === 'string') {
    if (options.password === undefined || options.password === '') {
      throw new ImportFormatError('password-required', 'This Aegis vault is encrypted: enter its password.');
    }
    let plain: Uint8Array;
    try {
      plain = await decryptAegisVault(vault, options.password, options.onProgress ? { onProgress: options.onProgress } : {});
    } catch (error) {
      if (error instanceof ForeignBackupError) throw foreignBackupToImportError(error);
      throw error;
    }
    content = readDecrypted(plain);
  } else if (header.slots === null && isRecord(db)) {
    content = db;
  } else {
    throw new ImportFormatError('malformed', 'This Aegis vault is neither plain nor encrypted in a way Tessera recognises.');
  }
  if (!isRecord(content) || typeof content.version !== 'number' || !Array.isArray(content.entries)) {
    throw new ImportFormatError('malformed', 'The Aegis vault content has no entry list.');
  }
  if (!Number.isInteger(content.version) || content.version < 1 || content.version > MAX_CONTENT_VERSION) {
    throw new ImportFormatError('unsupported-version', 'This Aegis vault content version is newer than Tessera knows.');
  }
  const groupNames = aegisGroupNames(content.groups);
  return content.entries.map((entry, index) => {
    const issuer = isRecord(entry) ? readString(entry.issuer) : '';
    const account = isRecord(entry) ? readString(entry.name) : '';
    const candidate = candidateFrom(labelOf(issuer, account, t('import_entry_label', index + 1)), () => convertEntry(entry, issuer, account));
    return withGroup(candidate, isRecord(entry) ? aegisEntryGroup(entry, groupNames) : undefined);
  });
}

/** Content version 3 lists groups once (`{ uuid, name }`); entries refer to them by uuid. */
function aegisGroupNames(groups: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(groups)) return names;
  for (const group of groups) {
    if (isRecord(group) && typeof group.uuid === 'string' && typeof group.name === 'string') names.set(group.uuid, group.name);
  }
  return names;
}

/**
 * An entry's group: version 3's `groups` (uuids; Aegis allows several, Tessera keeps one per
 * account, so the first), or versions 1–2's `group` (a name).
 */
function aegisEntryGroup(entry: Record<string, unknown>, names: Map<string, string>): string | undefined {
  if (Array.isArray(entry.groups)) {
    for (const uuid of entry.groups) {
      const group = typeof uuid === 'string' ? importedGroup(names.get(uuid)) : undefined;
      if (group) return group;
    }
    return undefined;
  }
  return importedGroup(entry.group);
}

function readDecrypted(plain: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (cause) {
    throw new ImportFormatError('malformed', 'The decrypted Aegis vault is not text.', { cause });
  }
  return readJson(text);
}

function convertEntry(entry: unknown, issuer: string, account: string): OtpAccountData {
  if (!isRecord(entry) || !isRecord(entry.info)) throw new EntryProblem('invalid-entry', 'This entry has no OTP settings.');
  const { type, info } = entry;
  if (type === 'motp' || type === 'yandex') {
    throw new EntryProblem('unsupported-type', `Tessera does not support ${type === 'motp' ? 'mOTP' : 'Yandex'} codes yet.`);
  }
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new EntryProblem('unsupported-type', 'This entry uses an OTP type Tessera does not know.');
  }
  const secret = readSecret(info.secret);
  if (type === 'steam') {
    // Aegis writes SHA1/5/30 for Steam; the code is defined by Steam, not by these fields.
    return { kind: 'steam', issuer, account, secret, ...OTP_DEFAULTS.steam };
  }
  const algorithm = readAlgorithm(info.algo);
  const digits = readInt(info.digits, OTP_DEFAULTS.digits, 'digits-out-of-range', 'number of digits', OTP_DEFAULTS.minDigits, OTP_DEFAULTS.maxDigits);
  if (type === 'hotp') {
    const counter = readInt(info.counter, undefined, 'bad-counter', 'counter', 0, Number.MAX_SAFE_INTEGER);
    return { kind: 'hotp', issuer, account, secret, algorithm, digits, counter };
  }
  const period = readInt(info.period, OTP_DEFAULTS.period, 'period-out-of-range', 'period', 1, OTP_DEFAULTS.maxPeriod);
  return { kind: 'totp', issuer, account, secret, algorithm, digits, period };
}
