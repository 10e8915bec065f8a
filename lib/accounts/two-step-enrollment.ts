/**
 * Owns turning a parsed Key URI into what the vault stores: unchanged for an ordinary account;
 * for a privacyIDEA 2step URI, this device's client part, the derived secret and the pending
 * enrollment step (the phone part the user still has to type).
 */
import { completeTwoStep, type OtpauthUriDetails } from '../otp';
import { isTrustworthyOrigin } from '../sites';
import type { NewAccountInput, SiteBinding } from '../vault';

export interface NewAccountChoices {
  sites: SiteBinding[];
  /** What the user chose; `undefined` means "the default for this kind of account". */
  deviceBound: boolean | undefined;
  /** The page the code was captured on (from the browser), or null when it was pasted. */
  origin: string | null;
  group?: string | null;
}

/**
 * THE one place the device binding of a two-step account is decided: on unless the user
 * unchecked it. (A "device-bound only" policy is applied to every add inside the vault.)
 */
export function twoStepDeviceBound(requested: boolean | undefined): boolean {
  return requested !== false;
}

/** What the vault adds for `details`: a 2step URI gets its final secret derived here. */
export async function newAccountInput(
  details: OtpauthUriDetails,
  choices: NewAccountChoices,
  randomBytes?: (array: Uint8Array<ArrayBuffer>) => Uint8Array,
): Promise<NewAccountInput> {
  const { twoStep, ...data } = details;
  const group = choices.group ?? null;
  if (!twoStep) return { ...data, sites: choices.sites, deviceBound: choices.deviceBound === true, group };
  const { secret, clientPart } = await completeTwoStep(data.secret, twoStep, randomBytes);
  // The server part is of no further use here; the vault copies what it keeps.
  data.secret.fill(0);
  return {
    ...data,
    secret,
    sites: choices.sites,
    deviceBound: twoStepDeviceBound(choices.deviceBound),
    // A plain-http page gets no fill page: whoever saw its QR code on the network would see the
    // phone part too. The capture review says so (`phone-part-not-filled`); copying still works.
    enrollment: { kind: 'two-step', origin: choices.origin !== null && isTrustworthyOrigin(choices.origin) ? choices.origin : null, clientPart },
    group,
  };
}
