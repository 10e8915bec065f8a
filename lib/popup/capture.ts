/**
 * The popup's QR-capture review: scan the page the popup acts for, show what was found, and add
 * an item only when the user confirms it. Secrets never come here: the worker keeps the findings
 * and this side holds only what the confirmation displays, plus opaque ids.
 */
import { batch, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { accountLabel } from '../accounts';
import { type ConfirmCaptureReply, type ConfirmCaptureRequest, type CaptureItemView, type CaptureView } from '../capture';
import { messageOf } from '../error-text';
import { t, tPlural } from '../i18n';
import type { Client } from '../contract';
import type { View } from './view';

/** What the review may ask the worker (tab-taking messages already act for the popup's tab). */
export type CaptureClient = Pick<Client, 'scanPage' | 'getPendingCapture' | 'confirmCapture' | 'dismissCapture'>;

export type CaptureChoices = Omit<ConfirmCaptureRequest, 'captureId' | 'itemId'>;

interface Host {
  /** The popup's view signal: the review is the `capture` view. */
  view: Signal<View>;
  announce(text: string): void;
  reloadAccounts(): Promise<void>;
  /** After an account was added from this page: offer to fill its first code here. */
  offerFill(accountId: string): void;
  /** After a two-step account was added: show the phone part the page now asks for. */
  openEnrollment(accountId: string): void;
}



export function createCaptureState(api: CaptureClient | undefined, host: Host) {
  const review = signal<CaptureView | null>(null);
  const scanning = signal(false);
  const error = signal<string | null>(null);
  /** What was added or skipped in this review, for the summary once every item is handled. */
  const done = signal<string[]>([]);

  function show(view: CaptureView): void {
    batch(() => {
      review.value = view;
      done.value = [];
      error.value = null;
      host.view.value = { name: 'capture' };
    });
  }

  async function scan(): Promise<void> {
    if (!api || scanning.value) return;
    batch(() => {
      scanning.value = true;
      error.value = null;
      review.value = null;
      host.view.value = { name: 'capture' };
    });
    try {
      const view = await api.scanPage({});
      show(view);
      const n = view.items.length;
      host.announce(n === 0 ? t('announce_scan_none') : tPlural('announce_scan_found', n));
    } catch (caught) {
      error.value = messageOf(caught);
      host.announce(error.value);
    } finally {
      scanning.value = false;
    }
  }

  /** Called once the popup is ready: findings left by the context menu or the shortcut. */
  async function loadPending(): Promise<void> {
    if (!api) return;
    const view = await api.getPendingCapture({}).catch(() => null);
    if (view && host.view.value.name === 'list') show(view);
  }

  function drop(itemId: string, note: string): void {
    const current = review.value;
    if (!current) return;
    batch(() => {
      review.value = { ...current, items: current.items.filter((i) => i.id !== itemId) };
      done.value = [...done.value, note];
    });
    host.announce(note);
    // Every item handled: back to the list, where the new accounts now show.
    if (review.value?.items.length === 0) close();
  }

  function patchItem(itemId: string, patch: (item: CaptureItemView) => CaptureItemView): void {
    const current = review.value;
    if (current) review.value = { ...current, items: current.items.map((i) => (i.id === itemId ? patch(i) : i)) };
  }

  /** Adds one item with the user's choices; a conflict comes back for the user to decide. */
  async function confirm(itemId: string, choices: CaptureChoices): Promise<ConfirmCaptureReply | null> {
    const current = review.value;
    const item = current?.items.find((i) => i.id === itemId);
    if (!api || !current || !item) return null;
    try {
      const reply = await api.confirmCapture({ captureId: current.captureId, itemId, ...choices });
      if (reply.type === 'account') {
        const r = reply.reply;
        if (r.status === 'conflict') {
          patchItem(itemId, (i) =>
            i.type === 'account'
              ? { ...i, preview: { ...i.preview, duplicate: { state: 'conflict', existingId: r.existing.id, label: accountLabel(r.existing) } } }
              : i,
          );
          return reply;
        }
        await host.reloadAccounts();
        drop(itemId, t(r.status === 'added' ? 'announce_added' : 'announce_already_there', accountLabel(r.account)));
        if (r.status === 'added') {
          if (r.account.enrollment) host.openEnrollment(r.account.id);
          else host.offerFill(r.account.id);
        }
      } else if (reply.status === 'imported') {
        await host.reloadAccounts();
        const imported = tPlural('announce_imported_export', reply.added);
        drop(itemId, reply.unchanged > 0 ? `${imported} ${tPlural('announce_unchanged', reply.unchanged)}` : imported);
      }
      return reply;
    } catch (caught) {
      error.value = messageOf(caught);
      host.announce(error.value);
      return null;
    }
  }

  async function skip(itemId: string): Promise<void> {
    const current = review.value;
    if (!api || !current) return;
    await api.dismissCapture({ captureId: current.captureId, itemId }).catch(() => undefined);
    drop(itemId, 'Skipped; nothing was added.');
  }

  function close(): void {
    const current = review.value;
    // Nothing left to decide, or the user leaves: the worker forgets the findings.
    if (api && current) void api.dismissCapture({ captureId: current.captureId }).catch(() => undefined);
    batch(() => {
      review.value = null;
      error.value = null;
      if (host.view.value.name === 'capture') host.view.value = { name: 'list' };
    });
  }

  return {
    review: review as ReadonlySignal<CaptureView | null>,
    scanning: scanning as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    done: done as ReadonlySignal<string[]>,
    available: api !== undefined,
    scan,
    loadPending,
    confirm,
    skip,
    close,
  };
}

