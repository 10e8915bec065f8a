import { describe, expect, it } from 'vitest';
import {
  completeTwoStep,
  decodeBase32,
  deriveTwoStepSecret,
  formatPhonePart,
  generateClientPart,
  groupInFours,
  looksLikeTwoStepUri,
} from '@/lib/otp';
import { toHex } from './vectors';

// pi-authenticator test/unit_test/utils/crypto_utils_test.dart (generatePhoneChecksum).
const PHONE_PARTS = [
  [[0, 1, 2, 3, 4, 5, 6], 'NXEG6EIAAEBAGBAFAY'],
  [[9, 8, 7, 6, 5, 4, 3, 2, 1], 'THKHQSYJBADQMBIEAMBAC'],
  [[3, 5, 7, 2, 3, 4, 9, 1, 0, 4, 7, 3, 5, 6], 'TGEEJ7QDAUDQEAYEBEAQABAHAMCQM'],
  [[9, 5, 8, 1, 7, 3], '2DO4TDAJAUEACBYD'],
  [[1, 0, 2, 9, 3, 8, 4, 7, 5, 6], 'ZOOALWIBAABASAYIAQDQKBQ'],
] as const;

// pi-authenticator "Pwd 1" PBKDF2 vector.
const SERVER_PART = [204, 142, 237, 243, 154, 5, 48, 206, 127, 56, 11, 156, 75, 217, 116, 59, 121, 67, 152, 46];
const CLIENT_PART = [1, 2, 3, 4, 5, 6, 7, 8];
const DERIVED = '69b0ea74b17dd5946f57acb88d10b9d0fa7fd440';

describe('formatPhonePart', () => {
  it.each(PHONE_PARTS)('writes the checksummed phone part of %j as %s', async (bytes, expected) => {
    expect(await formatPhonePart(new Uint8Array(bytes))).toBe(expected);
  });
});

describe('groupInFours', () => {
  it('groups the phone part in fours as the privacyIDEA app shows it', () => {
    expect(groupInFours('NXEG6EIAAEBAGBAFAY')).toBe('NXEG 6EIA AEBA GBAF AY');
    expect(groupInFours('')).toBe('');
  });
});

describe('deriveTwoStepSecret', () => {
  it('derives the pi-authenticator Pwd 1 vector (PBKDF2-HMAC-SHA1 over the lower-case hex)', async () => {
    const secret = await deriveTwoStepSecret(new Uint8Array(SERVER_PART), new Uint8Array(CLIENT_PART), 10000, 20);
    expect(toHex(secret)).toBe(DERIVED);
  });

  it('accepts the server part as the URI carries it (base32 of the same bytes)', async () => {
    const server = decodeBase32('ZSHO3442AUYM47ZYBOOEXWLUHN4UHGBO');
    expect(toHex(await deriveTwoStepSecret(server, new Uint8Array(CLIENT_PART), 10000, 20))).toBe(DERIVED);
  });

  it.each([
    ['difficulty 0', 0, 20],
    ['difficulty above the cap', 10_000_001, 20],
    ['outputBytes 0', 10000, 0],
  ])('throws a RangeError for %s', async (_name, difficulty, output) => {
    await expect(
      deriveTwoStepSecret(new Uint8Array(SERVER_PART), new Uint8Array(CLIENT_PART), difficulty, output),
    ).rejects.toThrowError(RangeError);
  });
});

describe('generateClientPart', () => {
  it('fills the requested length from the given random source', () => {
    const part = generateClientPart(8, (array) => array.fill(7));
    expect(Array.from(part)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('uses crypto.getRandomValues by default', () => {
    const part = generateClientPart(32);
    expect(part).toHaveLength(32);
    expect(new Set(part).size).toBeGreaterThan(1);
  });

  it('throws a RangeError for a length below 1', () => {
    expect(() => generateClientPart(0)).toThrowError(RangeError);
  });
});

describe('completeTwoStep', () => {
  it('generates the client part and derives the secret from it (pi-authenticator Pwd 1 vector)', async () => {
    const { secret, clientPart } = await completeTwoStep(
      new Uint8Array(SERVER_PART),
      { saltBytes: 8, outputBytes: 20, difficulty: 10000 },
      (array) => { array.forEach((_, i) => (array[i] = i + 1)); return array; },
    );
    expect(Array.from(clientPart)).toEqual(CLIENT_PART);
    expect(toHex(secret)).toBe(DERIVED);
  });
});

describe('looksLikeTwoStepUri', () => {
  it.each([
    ['otpauth://totp/a?secret=AAAA&2step_salt=8', true],
    ['otpauth://hotp/a?counter=1&secret=AAAA&2STEP_DIFFICULTY=10000', true],
    ['  otpauth://totp/a?2step_output=20&secret=AAAA', true],
    ['otpauth://totp/a?secret=AAAA', false],
    ['otpauth://totp/2step_salt=8?secret=AAAA', false],
    ['https://example.com/?2step_salt=8', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeTwoStepUri(text)).toBe(expected);
  });
});
