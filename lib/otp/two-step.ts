/**
 * privacyIDEA "2step" enrollment: detecting its URI parameters, deriving the final secret from the
 * server part (the URI's secret) and a client part generated here, and showing the phone part.
 */
import { encodeBase32 } from './base32';
import { OtpUriError } from './errors';
import type { OtpAlgorithm } from './types';

export type TwoStepParams = {
  /** Length in bytes of the client part this device must generate (`2step_salt`). */
  saltBytes: number;
  /** Length in bytes of the derived OTP key (`2step_output`). */
  outputBytes: number;
  /** PBKDF2 iteration count (`2step_difficulty`). */
  difficulty: number;
};

/** privacyIDEA's defaults (`TWOSTEP_DEFAULT_CLIENTSIZE`, `TWOSTEP_DEFAULT_DIFFICULTY`, `keylen[hash]`). */
const DEFAULT_SALT_BYTES = 8;
const DEFAULT_DIFFICULTY = 10_000;
const OUTPUT_BYTES: Record<OtpAlgorithm, number> = { SHA1: 20, SHA256: 32, SHA512: 64 };
/** Upper bounds so that a hostile QR code cannot make us spin PBKDF2 for minutes. */
export const TWO_STEP_LIMITS = { saltBytes: 256, outputBytes: 128, difficulty: 1_000_000 } as const;

/**
 * Reads the 2step parameters from already-decoded, lower-cased query parameters; `undefined` when
 * none is present (privacyIDEA Authenticator treats any one of them as switching 2step on).
 */
export function readTwoStepParams(params: ReadonlyMap<string, string>, algorithm: OtpAlgorithm): TwoStepParams | undefined {
  const salt = params.get('2step_salt');
  const output = params.get('2step_output');
  const difficulty = params.get('2step_difficulty');
  if (salt === undefined && output === undefined && difficulty === undefined) return undefined;
  // The parameter is named in the message (its value is not secret, but it is not echoed either).
  const read = (name: string, value: string | undefined, fallback: number, max: number): number => {
    if (value === undefined || value === '') return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
      throw new OtpUriError('bad-two-step', `Two-step enrollment refused: ${name} must be an integer from 1 to ${max}.`, { params: [name, max] });
    }
    return Number(value);
  };
  return {
    saltBytes: read('2step_salt', salt, DEFAULT_SALT_BYTES, TWO_STEP_LIMITS.saltBytes),
    outputBytes: read('2step_output', output, OUTPUT_BYTES[algorithm], TWO_STEP_LIMITS.outputBytes),
    difficulty: read('2step_difficulty', difficulty, DEFAULT_DIFFICULTY, TWO_STEP_LIMITS.difficulty),
  };
}

function toHexLower(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function assertPositiveInteger(value: unknown, name: string, max: number): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new RangeError(`${name} must be an integer from 1 to ${max}`);
  }
}

/**
 * secret = PBKDF2-HMAC-SHA1(P = UTF-8(lower-case hex of serverPart), S = clientPart, c = difficulty,
 * dkLen = outputBytes). The hex step is odd but it is what the privacyIDEA server computes.
 */
export async function deriveTwoStepSecret(
  serverPart: Uint8Array,
  clientPart: Uint8Array,
  difficulty: number,
  outputBytes: number,
): Promise<Uint8Array> {
  if (!(serverPart instanceof Uint8Array) || !(clientPart instanceof Uint8Array)) {
    throw new TypeError('serverPart and clientPart must be Uint8Arrays');
  }
  assertPositiveInteger(difficulty, 'difficulty', TWO_STEP_LIMITS.difficulty);
  assertPositiveInteger(outputBytes, 'outputBytes', TWO_STEP_LIMITS.outputBytes);
  const subtle = globalThis.crypto.subtle;
  const password = new TextEncoder().encode(toHexLower(serverPart));
  const baseKey = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-1', salt: clientPart as Uint8Array<ArrayBuffer>, iterations: difficulty },
    baseKey,
    outputBytes * 8,
  );
  return new Uint8Array(bits);
}

/** The phone part the user types into privacyIDEA: base32(SHA1(clientPart)[0:4] || clientPart), no `=`. */
export async function formatPhonePart(clientPart: Uint8Array): Promise<string> {
  if (!(clientPart instanceof Uint8Array)) throw new TypeError('clientPart must be a Uint8Array');
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', clientPart as Uint8Array<ArrayBuffer>));
  const checked = new Uint8Array(4 + clientPart.length);
  checked.set(digest.subarray(0, 4));
  checked.set(clientPart, 4);
  return encodeBase32(checked);
}

/** Groups of four separated by spaces, as the privacyIDEA app shows it (the web UI strips spaces). */
export function groupInFours(text: string): string {
  return text.match(/.{1,4}/g)?.join(' ') ?? '';
}

export function generateClientPart(
  length: number,
  randomBytes: (array: Uint8Array<ArrayBuffer>) => Uint8Array = (array) => globalThis.crypto.getRandomValues(array),
): Uint8Array {
  assertPositiveInteger(length, 'length', TWO_STEP_LIMITS.saltBytes);
  const out = new Uint8Array(length);
  randomBytes(out);
  return out;
}

/** Whether text looks like a 2step URI (any of the three parameters), before it is parsed. */
export function looksLikeTwoStepUri(text: string): boolean {
  return /^\s*otpauth:\/\/[^?]*\?(?:.*&)?2step_(?:salt|output|difficulty)=/is.test(text);
}

/**
 * This device's half of a 2step enrollment: a fresh client part and the final secret derived from
 * it and the server part. The caller stores the secret and shows `formatPhonePart(clientPart)`.
 */
export async function completeTwoStep(
  serverPart: Uint8Array,
  params: TwoStepParams,
  randomBytes?: (array: Uint8Array<ArrayBuffer>) => Uint8Array,
): Promise<{ secret: Uint8Array; clientPart: Uint8Array }> {
  const clientPart = generateClientPart(params.saltBytes, randomBytes);
  const secret = await deriveTwoStepSecret(serverPart, clientPart, params.difficulty, params.outputBytes);
  return { secret, clientPart };
}
