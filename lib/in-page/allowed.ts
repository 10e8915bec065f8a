/**
 * Owns the one decision whether the optional in-page fill button may exist at all: the
 * worker registers its content script and answers its messages only when this says yes.
 */

export interface InPageButtonFacts {
  /** The person turned "Show a fill button in 2FA fields" on. */
  setting: boolean;
  /** The optional `https://*\/*` host permission is granted. */
  hostPermission: boolean;
  /** A managed policy forbids the button (the administrator's `disableInPageButton`). */
  policyDisabled?: boolean;
}

/** Every condition must hold; a policy that forbids it wins over the person's setting. */
export function inPageButtonAllowed(facts: InPageButtonFacts): boolean {
  return facts.setting === true && facts.hostPermission === true && facts.policyDisabled !== true;
}
