/**
 * The popup's two-step enrollment step: shows an account's pending phone part (held by the
 * worker, sealed in the vault, so it survives the popup closing), copies it, asks the worker
 * to fill it into the capture page, and forgets it when the user says Done.
 */
import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { describeError, messageOf } from '../error-text';
import type { ErrorCode } from '../errors';
import { t, type MessageKey } from '../i18n';

/** The fill rules' refusals, said about the phone part instead of a code. */
const PHONE_PART_FILL_ERRORS: { readonly [C in ErrorCode]?: MessageKey } = {
  'several-frames': 'phone_part_several_frames',
  ambiguous: 'phone_part_ambiguous',
  'no-field': 'phone_part_no_field',
};

function phonePartFillError(caught: unknown): string {
  const { code, params } = describeError(caught);
  if (code === 'not-bound') {
    const host = params?.[0];
    return host === undefined ? t('phone_part_not_scanned') : t('phone_part_other_page', host);
  }
  const key = PHONE_PART_FILL_ERRORS[code];
  return key ? t(key as 'phone_part_no_field') : messageOf(caught);
}
import type { Client } from '../contract';
import { groupInFours } from '../otp';
import type { View } from './view';

/** What the enrollment step may ask the worker (filling acts for the popup's tab). */
export type EnrollmentClient = Pick<Client, 'getEnrollmentStep' | 'fillEnrollmentPart' | 'finishEnrollment'>;

interface Host {
  view: Signal<View>;
  announce(text: string): void;
  reloadAccounts(): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  scheduleClipboardClear(copied: string): Promise<{ clearAt: number | null }>;
  label(id: string): string;
}

export type EnrollmentStepShown = {
  id: string;
  /** privacyIDEA's phone part in groups of four, as its app shows it. */
  grouped: string;
  /** The host of the page it may be filled into, or null (pasted: Copy only). */
  fillHost: string | null;
};


export function createEnrollmentState(api: EnrollmentClient | undefined, host: Host) {
  const step = signal<EnrollmentStepShown | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);
  /** Set after a successful Copy or Fill: the person has what they need, Done becomes the main action. */
  const handedOver = signal(false);

  /** Opens the enrollment view for `id` and asks the worker for its phone part. */
  async function open(id: string): Promise<void> {
    if (!api) return;
    batch(() => {
      step.value = null;
      error.value = null;
      handedOver.value = false;
      host.view.value = { name: 'enrollment', id };
    });
    try {
      const reply = await api.getEnrollmentStep({ id });
      step.value = { id, grouped: groupInFours(reply.phonePart), fillHost: reply.origin ? new URL(reply.origin).host : null };
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  async function copy(): Promise<void> {
    const shown = step.value;
    if (!shown) return;
    try {
      // Copied as shown; privacyIDEA's enrollment page strips the spaces.
      await host.writeClipboard(shown.grouped);
      handedOver.value = true;
      const { clearAt } = await host.scheduleClipboardClear(shown.grouped);
      host.announce(t(clearAt ? 'announce_phone_part_copied_clears' : 'announce_phone_part_copied'));
    } catch (caught) {
      host.announce(t('announce_copy_failed', messageOf(caught)));
    }
  }

  async function fill(): Promise<void> {
    const shown = step.value;
    if (!api || !shown || busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await api.fillEnrollmentPart({ id: shown.id });
      handedOver.value = true;
      host.announce(t('announce_phone_part_filled', shown.fillHost ?? t('announce_the_page')));
    } catch (caught) {
      error.value = phonePartFillError(caught);
      host.announce(error.value);
    } finally {
      busy.value = false;
    }
  }

  /** The user typed the phone part: the worker deletes it, the row stops asking. */
  async function done(): Promise<void> {
    const shown = step.value;
    const view = host.view.value;
    const id = shown?.id ?? (view.name === 'enrollment' ? view.id : null);
    if (!api || !id || busy.value) return;
    busy.value = true;
    try {
      await api.finishEnrollment({ id });
      batch(() => {
        step.value = null;
        error.value = null;
        host.view.value = { name: 'list' };
      });
      await host.reloadAccounts();
      host.announce(t('announce_enrollment_finished', host.label(id)));
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      busy.value = false;
    }
  }

  /** Leaves the view; the phone part stays pending in the vault for later. */
  function close(): void {
    batch(() => {
      step.value = null;
      error.value = null;
      if (host.view.value.name === 'enrollment') host.view.value = { name: 'list' };
    });
  }

  return {
    step: step as ReadonlySignal<EnrollmentStepShown | null>,
    error: error as ReadonlySignal<string | null>,
    busy: busy as ReadonlySignal<boolean>,
    handedOver: handedOver as ReadonlySignal<boolean>,
    loading: computed(() => step.value === null && error.value === null),
    available: api !== undefined,
    open,
    copy,
    fill,
    done,
    close,
  };
}

