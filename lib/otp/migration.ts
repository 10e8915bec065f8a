/**
 * Google Authenticator's export format (`otpauth-migration://offline?data=<base64 protobuf>`):
 * decoding, including multi-QR batches, and encoding, with the wire work done by @bufbuild/protobuf.
 */
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { OtpUriError } from './errors';
import type { OtpAccountData, OtpAlgorithm } from './types';

/** One decoded QR code of an export; a batch of `batchSize` codes shares one `batchId`. */
export type MigrationBatch = {
  accounts: OtpAccountData[];
  version: number;
  /** How many QR codes the export has (1 when the payload leaves it unset). */
  batchSize: number;
  /** 0-based position of this QR code in the export. */
  batchIndex: number;
  batchId: number;
};

export type MigrationBatchInfo = Partial<Omit<MigrationBatch, 'accounts'>>;

/** Exports come from a scanned QR code (≤ 4296 characters); the cap only bounds the work on garbage. */
const MAX_MIGRATION_URI_LENGTH = 100_000;
/** GA has no period field: every exported TOTP account runs on 30 s. */
const MIGRATION_PERIOD = 30;

// Enum values from the reverse-engineered schema (Aegis google_auth.proto).
const ALGORITHM_FROM_WIRE: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_TO_WIRE: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_FROM_WIRE: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const DIGITS_TO_WIRE: Record<number, number> = { 6: 1, 8: 2 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function malformed(message = 'The export payload is damaged or truncated.', cause?: unknown): OtpUriError {
  return new OtpUriError('malformed-payload', message, cause === undefined ? undefined : { cause });
}

/** Standard or URL-safe base64, padded or not. A space is read back as the `+` a form decoder turned into one. */
function decodeBase64(text: string): Uint8Array {
  const body = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (body.length % 4 === 1) throw malformed();
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const value = BASE64.indexOf(char);
    if (value === -1) throw malformed();
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < 4; j++) out += j < chars ? BASE64[(chunk >>> (18 - 6 * j)) & 63] : '=';
  }
  return out;
}

function expectWireType(actual: WireType, expected: WireType): void {
  if (actual !== expected) throw malformed();
}

/** Name and issuer as GA stores them: `name` may repeat the issuer as an `issuer:` prefix, or carry it alone. */
function splitName(name: string, issuer: string): { issuer: string; account: string } {
  const trimmedIssuer = issuer.trim();
  if (trimmedIssuer === '') {
    const colon = name.indexOf(':');
    if (colon === -1) return { issuer: '', account: name.trim() };
    return { issuer: name.slice(0, colon).trim(), account: name.slice(colon + 1).trim() };
  }
  if (name.startsWith(`${issuer}:`)) return { issuer: trimmedIssuer, account: name.slice(issuer.length + 1).trim() };
  if (name.startsWith(`${trimmedIssuer}:`)) {
    return { issuer: trimmedIssuer, account: name.slice(trimmedIssuer.length + 1).trim() };
  }
  return { issuer: trimmedIssuer, account: name.trim() };
}

function readOtpParameters(bytes: Uint8Array): OtpAccountData {
  const reader = new BinaryReader(bytes);
  let secret = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter: bigint = 0n;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    switch (field) {
      case 1:
        expectWireType(wireType, WireType.LengthDelimited);
        secret = reader.bytes().slice();
        break;
      case 2:
        expectWireType(wireType, WireType.LengthDelimited);
        name = reader.string();
        break;
      case 3:
        expectWireType(wireType, WireType.LengthDelimited);
        issuer = reader.string();
        break;
      case 4:
        expectWireType(wireType, WireType.Varint);
        algorithm = reader.int32();
        break;
      case 5:
        expectWireType(wireType, WireType.Varint);
        digits = reader.int32();
        break;
      case 6:
        expectWireType(wireType, WireType.Varint);
        type = reader.int32();
        break;
      case 7:
        expectWireType(wireType, WireType.Varint);
        counter = BigInt(reader.int64());
        break;
      default:
        reader.skip(wireType, field);
    }
  }
  const parsedAlgorithm = ALGORITHM_FROM_WIRE[algorithm];
  if (parsedAlgorithm === undefined) {
    throw new OtpUriError('unsupported-algorithm', 'An exported account uses a hash algorithm Tessera does not support.');
  }
  const parsedDigits = DIGITS_FROM_WIRE[digits];
  if (parsedDigits === undefined) {
    throw new OtpUriError('digits-out-of-range', 'An exported account has an unknown number of digits.');
  }
  if (secret.length === 0) throw new OtpUriError('missing-secret', 'An exported account has no secret.');
  const label = splitName(name, issuer);
  if (type === TYPE_HOTP) {
    if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new OtpUriError('bad-counter', 'An exported HOTP counter is outside 0 to 2^53 - 1.');
    }
    return { kind: 'hotp', ...label, secret, algorithm: parsedAlgorithm, digits: parsedDigits, counter: Number(counter) };
  }
  if (type !== TYPE_TOTP && type !== 0) {
    throw new OtpUriError('unknown-type', 'An exported account has an unknown OTP type.');
  }
  return { kind: 'totp', ...label, secret, algorithm: parsedAlgorithm, digits: parsedDigits, period: MIGRATION_PERIOD };
}

function readPayload(bytes: Uint8Array): MigrationBatch {
  const accounts: OtpAccountData[] = [];
  let version = 0;
  let batchSize = 0;
  let batchIndex = 0;
  let batchId = 0;
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    switch (field) {
      case 1:
        expectWireType(wireType, WireType.LengthDelimited);
        accounts.push(readOtpParameters(reader.bytes()));
        break;
      case 2:
        expectWireType(wireType, WireType.Varint);
        version = reader.int32();
        break;
      case 3:
        expectWireType(wireType, WireType.Varint);
        batchSize = reader.int32();
        break;
      case 4:
        expectWireType(wireType, WireType.Varint);
        batchIndex = reader.int32();
        break;
      case 5:
        expectWireType(wireType, WireType.Varint);
        batchId = reader.int32();
        break;
      default:
        reader.skip(wireType, field);
    }
  }
  return { accounts, version, batchSize: batchSize > 0 ? batchSize : 1, batchIndex, batchId };
}

/** Decodes one export QR code with its batch information, so the UI can collect every code of an export. */
export function parseMigrationBatch(uri: string): MigrationBatch {
  if (typeof uri !== 'string') throw new TypeError('uri must be a string');
  if (uri.length > MAX_MIGRATION_URI_LENGTH) throw new OtpUriError('too-long', 'The export URI is too long.');
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)\/?\?(.*)$/s.exec(uri.trim());
  if (!match || match[1]!.toLowerCase() !== 'otpauth-migration') {
    throw new OtpUriError('wrong-scheme', 'This is not an otpauth-migration:// URI.');
  }
  if (match[2]!.toLowerCase() !== 'offline') throw new OtpUriError('unknown-type', 'The export URI must be …//offline.');
  // Read `data` by hand: URLSearchParams would turn the raw '+' of base64 into spaces.
  const pair = match[3]!.split('&').find((part) => part.split('=')[0]!.toLowerCase() === 'data');
  if (pair === undefined) throw malformed('The export URI has no data.');
  let text: string;
  try {
    text = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
  } catch (cause) {
    throw new OtpUriError('malformed-uri', 'The export URI contains malformed percent-encoding.', { cause });
  }
  const bytes = decodeBase64(text.trim());
  try {
    return readPayload(bytes);
  } catch (error) {
    if (error instanceof OtpUriError) throw error;
    // The protobuf reader throws plain Errors on truncation, bad varints or invalid UTF-8.
    throw malformed(undefined, error);
  }
}

/** The accounts of one export QR code. */
export function parseMigrationUri(uri: string): OtpAccountData[] {
  return parseMigrationBatch(uri).accounts;
}

function writeOtpParameters(writer: BinaryWriter, data: OtpAccountData): void {
  const issuer = data.issuer.trim();
  const account = data.account.trim();
  // GA itself stores the full label; an `issuer:` prefix (or an empty one when a colon is in the
  // account) lets the reader recover both parts exactly.
  const name = issuer !== '' ? `${issuer}:${account}` : account.includes(':') ? `:${account}` : account;
  writer.tag(1, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).bytes(data.secret);
  writer.tag(2, WireType.LengthDelimited).string(name);
  if (issuer !== '') writer.tag(3, WireType.LengthDelimited).string(issuer);
  writer.tag(4, WireType.Varint).int32(ALGORITHM_TO_WIRE[data.algorithm]);
  writer.tag(5, WireType.Varint).int32(DIGITS_TO_WIRE[data.digits]!);
  writer.tag(6, WireType.Varint).int32(data.kind === 'hotp' ? TYPE_HOTP : TYPE_TOTP);
  if (data.kind === 'hotp') writer.tag(7, WireType.Varint).int64(data.counter!);
  writer.join();
}

/** Throws `not-representable` for what GA's format cannot carry (Steam, periods ≠ 30, digits ≠ 6/8). */
function assertRepresentable(data: OtpAccountData): void {
  const ok =
    typeof data === 'object' &&
    data !== null &&
    (data.kind === 'totp' || data.kind === 'hotp') &&
    data.secret instanceof Uint8Array &&
    data.secret.length > 0 &&
    typeof data.issuer === 'string' &&
    typeof data.account === 'string' &&
    ALGORITHM_TO_WIRE[data.algorithm] !== undefined &&
    DIGITS_TO_WIRE[data.digits] !== undefined &&
    (data.kind === 'hotp' ? Number.isSafeInteger(data.counter) && data.counter! >= 0 : data.period === MIGRATION_PERIOD);
  if (!ok) {
    throw new OtpUriError(
      'not-representable',
      'Google Authenticator exports carry only TOTP (30 s) and HOTP accounts with 6 or 8 digits and SHA1/256/512.',
    );
  }
}

function randomBatchId(): number {
  return globalThis.crypto.getRandomValues(new Int32Array(1))[0]!;
}

function assertInt32(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min || value > 2 ** 31 - 1) throw new RangeError(`${name} must be an int32 ≥ ${min}`);
}

function encodePayload(accounts: readonly OtpAccountData[], batch: Required<MigrationBatchInfo>): string {
  const writer = new BinaryWriter();
  for (const account of accounts) writeOtpParameters(writer, account);
  writer.tag(2, WireType.Varint).int32(batch.version);
  writer.tag(3, WireType.Varint).int32(batch.batchSize);
  writer.tag(4, WireType.Varint).int32(batch.batchIndex);
  writer.tag(5, WireType.Varint).int32(batch.batchId);
  return `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(writer.finish()))}`;
}

/** Encodes accounts as one export QR code (version 1; batch fields default to a single code with a random id). */
export function formatMigrationUri(accounts: readonly OtpAccountData[], batch: MigrationBatchInfo = {}): string {
  if (!Array.isArray(accounts)) throw new TypeError('accounts must be an array');
  accounts.forEach(assertRepresentable);
  const full = { version: 1, batchSize: 1, batchIndex: 0, batchId: batch.batchId ?? randomBatchId(), ...stripUndefined(batch) };
  assertInt32(full.version, 'version', 0);
  assertInt32(full.batchSize, 'batchSize', 1);
  assertInt32(full.batchIndex, 'batchIndex', 0);
  assertInt32(full.batchId, 'batchId', -(2 ** 31));
  return encodePayload(accounts, full);
}

function stripUndefined(batch: MigrationBatchInfo): MigrationBatchInfo {
  return Object.fromEntries(Object.entries(batch).filter(([, value]) => value !== undefined));
}

/**
 * Splits accounts over as few export URIs as fit in `maxBytesPerQr` characters each (the URI is
 * ASCII, so characters are the bytes a QR code holds), all sharing one batch id.
 */
export function formatMigrationBatches(
  accounts: readonly OtpAccountData[],
  maxBytesPerQr: number,
  batchId: number = randomBatchId(),
): string[] {
  if (!Array.isArray(accounts)) throw new TypeError('accounts must be an array');
  if (!Number.isInteger(maxBytesPerQr) || maxBytesPerQr < 1) throw new RangeError('maxBytesPerQr must be a positive integer');
  assertInt32(batchId, 'batchId', -(2 ** 31));
  accounts.forEach(assertRepresentable);
  if (accounts.length === 0) return [encodePayload([], { version: 1, batchSize: 1, batchIndex: 0, batchId })];

  // Greedy packing against a budget; the final batch size changes a varint, and percent-encoding
  // makes length depend on content, so re-check and tighten the budget in the rare case it overflows.
  for (let budget = maxBytesPerQr; budget > 0; budget -= 8) {
    const groups: OtpAccountData[][] = [];
    let current: OtpAccountData[] = [];
    for (const account of accounts) {
      const candidate = [...current, account];
      const info = { version: 1, batchSize: accounts.length, batchIndex: groups.length, batchId };
      if (encodePayload(candidate, info).length <= budget) {
        current = candidate;
      } else if (current.length === 0) {
        throw new OtpUriError('too-long', 'One account alone does not fit in a QR code of this size.');
      } else {
        groups.push(current);
        current = [account];
        if (encodePayload(current, { ...info, batchIndex: groups.length }).length > budget) {
          throw new OtpUriError('too-long', 'One account alone does not fit in a QR code of this size.');
        }
      }
    }
    groups.push(current);
    const uris = groups.map((group, batchIndex) =>
      encodePayload(group, { version: 1, batchSize: groups.length, batchIndex, batchId }),
    );
    if (uris.every((uri) => uri.length <= maxBytesPerQr)) return uris;
  }
  throw new OtpUriError('too-long', 'The accounts do not fit in QR codes of this size.');
}
