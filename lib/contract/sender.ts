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
 * This extension as the browser reports it: `runtime.id`, and the origin of its own pages taken
 * from `runtime.getURL('')`. The two differ on Firefox, where the id is the add-on id from the
 * manifest and pages live at `moz-extension://<a random per-install UUID>/`; on Chromium both
 * carry the same id.
 */
export interface OwnExtension {
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, without a trailing slash. */
  origin: string;
}

/** Builds `OwnExtension` from `runtime.id` and `runtime.getURL('')`. */
export function ownExtension(id: string, baseUrl: string): OwnExtension {
  const origin = baseUrl.replace(/\/+$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/.test(origin)) throw new RangeError(`baseUrl is not an extension's base URL: ${baseUrl}`);
  return { id, origin };
}

/**
 * Classifies a sender from what the browser says about it. Extension pages are known
 * by their origin, compared with the one the browser gave us (an options page opened in a
 * tab has `tab` set, so `tab` alone proves nothing); content scripts by a web origin on a tab.
 * Opaque origins and foreign extensions get nothing.
 */
export function classifySender(sender: SenderFacts, own: OwnExtension): SenderContext | null {
  if (sender.id !== own.id) return null;
  const origin = senderOrigin(sender, own);
  if (!origin || origin === 'null') return null;
  if (origin === own.origin) return sender.url?.startsWith(`${own.origin}/`) ? 'extension-page' : null;
  if (sender.tab && /^https?:\/\//.test(origin)) return 'content-script';
  return null;
}

/**
 * The browser's `sender.origin`, else the origin of `sender.url`. URL parsers disagree on the
 * origin of non-special schemes (`moz-extension:` gives "null" outside Firefox), so our own
 * pages' URLs are recognised by their prefix rather than parsed.
 */
function senderOrigin(sender: SenderFacts, own: OwnExtension): string | null {
  if (sender.origin !== undefined) return sender.origin;
  if (sender.url?.startsWith(`${own.origin}/`)) return own.origin;
  return originOfUrl(sender.url);
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
