/**
 * Who sent a message, decided from what the browser says about the sender (never from the
 * payload), and whether that sender may send it: the check the worker runs before any handler.
 */
import { TesseraError } from '../errors';
import { ALLOWED_SENDERS, type MessageName, type SenderContext } from './protocol';

/** A message refused before dispatch: codes `sender-unknown`, `sender-not-allowed`. */
export class MessageRejectedError extends TesseraError {}

/** The parts of `runtime.MessageSender` the classification reads. */
export interface SenderFacts {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
  frameId?: number;
}

/**
 * Classifies a sender from what the browser says about it. Extension pages are known
 * by their origin (an options page opened in a tab has `tab` set, so `tab` alone
 * proves nothing); content scripts by a web origin on a tab. Opaque origins and
 * foreign extensions get nothing.
 */
export function classifySender(sender: SenderFacts, runtimeId: string): SenderContext | null {
  if (sender.id !== runtimeId) return null;
  const origin = sender.origin ?? originOfUrl(sender.url);
  if (!origin || origin === 'null') return null;
  const extensionOrigins = [`chrome-extension://${runtimeId}`, `moz-extension://${runtimeId}`];
  if (extensionOrigins.includes(origin)) {
    return sender.url && extensionOrigins.some((o) => sender.url!.startsWith(`${o}/`))
      ? 'extension-page'
      : null;
  }
  if (sender.tab && /^https?:\/\//.test(origin)) return 'content-script';
  return null;
}

function originOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Checks a message against the allow-list; throws a typed rejection otherwise. */
export function authorize(name: MessageName, context: SenderContext | null): SenderContext {
  if (context === null) {
    throw new MessageRejectedError('sender-unknown', 'Message refused: the sender is not part of Tessera.');
  }
  if (!ALLOWED_SENDERS[name].includes(context)) {
    throw new MessageRejectedError('sender-not-allowed', `Message "${name}" is not allowed from a ${context}.`);
  }
  return context;
}
