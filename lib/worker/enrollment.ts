/**
 * The worker's side of a pending two-step enrollment: the phone part for the popup, and filling
 * it into the page the QR code was captured on (after the user's click, and only there); the
 * vault forgets it when the user is done. The phone part is the one value that may reach a page.
 */
import { chooseFillFrame, fillRefusalMessage, type ChooseFrameMessages, AutofillError } from '../autofill';
import { formatPhonePart } from '../otp';
import type { EnrollmentStepView } from '../contract';
import { activeTabId, CLIENT_PART_AGENT_FILE, completeFill, injectFillAgent } from '../platform';
import { assertAutofillAllowed } from '../policy';
import { isTrustworthyOrigin } from '../sites';
import type { Vault } from '../vault';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { currentPolicy } from './policy';
import { tabOrigin } from './fill';

export function enrollmentHandlers({ vault }: WorkerDeps): Pick<Handlers, 'getEnrollmentStep' | 'fillEnrollmentPart' | 'finishEnrollment'> {
  return {
    getEnrollmentStep: async ({ id }) => enrollmentStep(await vault(), id),
    fillEnrollmentPart: async ({ id, tabId }) => fillEnrollmentPart(await vault(), tabId ?? (await requireActiveTab()), id),
    finishEnrollment: async ({ id }) => (await vault()).finishEnrollment(id),
  };
}

async function requireActiveTab(): Promise<number> {
  const id = await activeTabId();
  if (id === null) throw new AutofillError('page-not-fillable', 'There is no page to fill.');
  return id;
}

type EnrollmentVault = Pick<Vault, 'get' | 'enrollmentPart'>;

/** `chooseFillFrame`'s rules, said about the phone part instead of a code. */
const PHONE_PART_MESSAGES: ChooseFrameMessages = {
  'several-frames': 'This page has fields for the phone part in several places; Tessera filled none. Copy it instead.',
  ambiguous: 'This page has several fields that could take the phone part and none is named for it; Tessera filled none. Copy it instead.',
  'no-field': 'Tessera found no empty field for the phone part on this page. Copy it instead.',
};

async function phonePartOf(vault: EnrollmentVault, id: string): Promise<string> {
  const clientPart = await vault.enrollmentPart(id);
  try {
    return await formatPhonePart(clientPart);
  } finally {
    clientPart.fill(0);
  }
}

/** The phone part, ungrouped (the popup groups it in fours), and where it may be filled. */
export async function enrollmentStep(vault: EnrollmentVault, id: string): Promise<EnrollmentStepView> {
  const account = await vault.get(id);
  return { phonePart: await phonePartOf(vault, id), origin: account.enrollment?.origin ?? null };
}

/**
 * Fills the phone part into the tab, if the tab is (as the browser reports it) on the origin the
 * QR code was captured from and has exactly one field for it. Nothing reaches the page before
 * that field was found.
 */
export async function fillEnrollmentPart(vault: EnrollmentVault, tabId: number, id: string): Promise<{ fields: number }> {
  // "No autofill" covers every value Tessera would put into a page, the phone part included.
  assertAutofillAllowed(await currentPolicy());
  const account = await vault.get(id);
  const captured = account.enrollment?.origin ?? null;
  if (!captured) {
    throw new AutofillError('not-bound', 'This enrollment was not scanned from a page, so Tessera fills it nowhere. Copy the phone part instead.');
  }
  const origin = await tabOrigin(tabId);
  // Checked again here, not only when stored: a row written before that rule may hold http.
  if (!isTrustworthyOrigin(captured) || !isTrustworthyOrigin(origin)) {
    throw new AutofillError(
      'not-secure',
      'Tessera fills the phone part only into https pages: on plain http, anyone watching the network could read it. Copy it instead.',
    );
  }
  if (origin !== captured) {
    throw new AutofillError(
      'not-bound',
      `Tessera fills the phone part only into the page its QR code came from (${new URL(captured).host}). Copy it instead.`,
      { params: [new URL(captured).host] },
    );
  }
  const frame = chooseFillFrame(await injectFillAgent(tabId, CLIENT_PART_AGENT_FILE), origin, PHONE_PART_MESSAGES);
  const result = await completeFill(tabId, frame.documentId, frame.report.token, await phonePartOf(vault, id), false);
  if (!result.filled) throw new AutofillError('fill-refused', fillRefusalMessage(result.reason));
  return { fields: result.fields };
}
