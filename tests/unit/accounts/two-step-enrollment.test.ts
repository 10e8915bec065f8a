import { describe, expect, it } from 'vitest';
import { newAccountInput, twoStepDeviceBound } from '@/lib/accounts/two-step-enrollment';
import { parseOtpauthUriDetailed } from '@/lib/otp';
import { toHex } from '../otp/vectors';

// pi-authenticator "Pwd 1": server part (base32), client part [1..8], 10000 rounds, 20 bytes.
const SERVER_B32 = 'ZSHO3442AUYM47ZYBOOEXWLUHN4UHGBO';
const DERIVED = '69b0ea74b17dd5946f57acb88d10b9d0fa7fd440';
const URI = `otpauth://totp/TOTP0001?secret=${SERVER_B32}&period=30&digits=6&creator=privacyidea&issuer=privacyIDEA&serial=TOTP0001&2step_salt=8&2step_output=20&2step_difficulty=10000`;
const counting = (array: Uint8Array<ArrayBuffer>) => {
  array.forEach((_, i) => (array[i] = i + 1));
  return array;
};
const sites = [{ match: 'origin' as const, origin: 'https://pi.example.com' }];

describe('newAccountInput', () => {
  it('derives the final secret from the server part and a fresh client part (pi-authenticator vector)', async () => {
    const input = await newAccountInput(parseOtpauthUriDetailed(URI), { sites, deviceBound: undefined, origin: 'https://pi.example.com' }, counting);
    expect(toHex(input.secret)).toBe(DERIVED);
    expect(input.enrollment).toEqual({ kind: 'two-step', origin: 'https://pi.example.com', clientPart: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) });
    expect(input).toMatchObject({ kind: 'totp', issuer: 'privacyIDEA', account: 'TOTP0001', sites, deviceBound: true });
    expect(input).not.toHaveProperty('twoStep');
  });

  it('keeps no fill page for a plain-http capture page, so the phone part is never filled there (#14.2)', async () => {
    const input = await newAccountInput(parseOtpauthUriDetailed(URI), { sites: [], deviceBound: undefined, origin: 'http://pi.example.com' }, counting);
    expect(input.enrollment).toMatchObject({ kind: 'two-step', origin: null });
    const local = await newAccountInput(parseOtpauthUriDetailed(URI), { sites: [], deviceBound: undefined, origin: 'http://127.0.0.1:5000' }, counting);
    expect(local.enrollment).toMatchObject({ origin: 'http://127.0.0.1:5000' });
  });

  it('leaves an ordinary URI as it is, not device-bound unless asked', async () => {
    const input = await newAccountInput(parseOtpauthUriDetailed(`otpauth://totp/A:b?secret=${SERVER_B32}`), { sites: [], deviceBound: undefined, origin: null });
    expect(toHex(input.secret)).toBe('cc8eedf39a0530ce7f380b9c4bd9743b7943982e');
    expect(input.deviceBound).toBe(false);
    expect(input).not.toHaveProperty('enrollment');
  });

  it('uses a new random client part each time by default', async () => {
    const details = () => parseOtpauthUriDetailed(URI);
    const a = await newAccountInput(details(), { sites: [], deviceBound: true, origin: null });
    const b = await newAccountInput(details(), { sites: [], deviceBound: true, origin: null });
    expect(toHex(a.enrollment!.clientPart)).not.toBe(toHex(b.enrollment!.clientPart));
    expect(toHex(a.secret)).not.toBe(toHex(b.secret));
  });
});

describe('twoStepDeviceBound', () => {
  it('is on by default, off only when the user unchecked it', () => {
    expect(twoStepDeviceBound(undefined)).toBe(true);
    expect(twoStepDeviceBound(true)).toBe(true);
    expect(twoStepDeviceBound(false)).toBe(false);
  });
});
