/** Owns reading the TOTP fields of Bitwarden exports: unencrypted JSON (`items[].login.totp`) and CSV (`login_totp`). */
import { OTP_DEFAULTS, parseOtpauthUri, type OtpAccountData } from '@/lib/otp';
import { EntryProblem, assertImportSize, candidateFrom, importedGroup, isRecord, readSecret, readString, toJson, withGroup } from './input';
import { ImportFormatError, type ImportCandidate, type ImportOptions } from './types';

export function looksLikeBitwardenJson(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.items) && ('encrypted' in json || 'folders' in json);
}

export async function parseBitwardenJson(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  const file = toJson(input);
  if (isRecord(file) && file.encrypted === true) {
    throw new ImportFormatError(
      'unsupported-encryption',
      'This Bitwarden export is encrypted. Export again from Bitwarden as unencrypted JSON or CSV, import it, then delete that file.',
    );
  }
  if (!isRecord(file) || !Array.isArray(file.items)) throw new ImportFormatError('not-this-format', 'This is not a Bitwarden JSON export.');
  const candidates: ImportCandidate[] = [];
  // Folders are listed once (`{ id, name }`); an item names its own by `folderId`.
  const folders = new Map<string, string>();
  if (Array.isArray(file.folders)) {
    for (const folder of file.folders) {
      if (isRecord(folder) && typeof folder.id === 'string' && typeof folder.name === 'string') folders.set(folder.id, folder.name);
    }
  }
  file.items.forEach((item, index) => {
    if (!isRecord(item) || !isRecord(item.login)) return;
    const totp = readString(item.login.totp);
    // Logins without a TOTP field are simply not authenticator entries.
    if (totp === '') return;
    const folder = typeof item.folderId === 'string' ? importedGroup(folders.get(item.folderId)) : undefined;
    candidates.push(withGroup(fromTotpField(totp, readString(item.name), readString(item.login.username), index), folder));
  });
  return candidates;
}

export function looksLikeBitwardenCsv(text: string): boolean {
  const header = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  return /(^|,)login_totp(,|$)/.test(header);
}

export async function parseBitwardenCsv(input: unknown, _options: ImportOptions = {}): Promise<ImportCandidate[]> {
  if (typeof input !== 'string') throw new ImportFormatError('not-this-format', 'A Bitwarden CSV export is text, not JSON.');
  assertImportSize(input);
  const rows = parseCsv(input.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  const column = (name: string) => header?.findIndex((cell) => cell.trim() === name) ?? -1;
  const totpAt = column('login_totp');
  if (totpAt === -1) throw new ImportFormatError('not-this-format', 'This CSV has no login_totp column: it is not a Bitwarden export.');
  const nameAt = column('name');
  const userAt = column('login_username');
  const folderAt = column('folder');
  const candidates: ImportCandidate[] = [];
  rows.forEach((row, index) => {
    const totp = (row[totpAt] ?? '').trim();
    if (totp === '') return;
    const candidate = fromTotpField(totp, (row[nameAt] ?? '').trim(), (row[userAt] ?? '').trim(), index);
    candidates.push(withGroup(candidate, folderAt === -1 ? undefined : importedGroup(row[folderAt])));
  });
  return candidates;
}

/**
 * The three forms Bitwarden accepts (sdk `Totp::from_str`): an otpauth URI, `steam://<base32>`, or a
 * bare base32 secret (SHA1, 6 digits, 30 s). The item name fills a missing issuer. Unlike Bitwarden,
 * an `otpauth://hotp` URI stays HOTP: Bitwarden shows time-based codes for it, which the issuer never sent.
 */
function fromTotpField(totp: string, itemName: string, username: string, index: number): ImportCandidate {
  const label = itemName || username || `Item ${index + 1}`;
  return candidateFrom(label, (): OtpAccountData => {
    if (/^otpauth:\/\//i.test(totp)) {
      const data = parseOtpauthUri(totp);
      return { ...data, issuer: data.issuer || itemName, account: data.account || username };
    }
    if (/^steam:\/\//i.test(totp)) {
      return { kind: 'steam', issuer: itemName, account: username, secret: readSecret(totp.slice('steam://'.length)), ...OTP_DEFAULTS.steam };
    }
    if (/^[a-z2-7=\s-]+$/i.test(totp)) {
      const { algorithm, digits, period } = OTP_DEFAULTS;
      return { kind: 'totp', issuer: itemName, account: username, secret: readSecret(totp), algorithm, digits, period };
    }
    throw new EntryProblem('unrecognised-totp', 'This TOTP field is neither an otpauth URI, a steam:// key nor a base32 secret.');
  });
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with LF or CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += char;
    }
    i++;
  }
  if (quoted) throw new ImportFormatError('truncated', 'The CSV file ends inside a quoted field: it looks cut off.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}
