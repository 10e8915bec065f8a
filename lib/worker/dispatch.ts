/**
 * The worker's single message listener: classifies the sender from what the browser says, checks
 * the allow-list, runs the handler and sends back its value or its serialized error.
 */
import { serializeError } from '../errors';
import {
  authorize,
  classifySender,
  isEnvelope,
  MessageRejectedError,
  ownExtension,
  type Envelope,
  type MessageName,
  type OwnExtension,
  type ReplyOf,
  type RequestOf,
  type SenderContext,
  type SenderInfo,
  type WireReply,
} from '../contract';
import { extensionBaseUrl, extensionId, onRuntimeMessage, type RuntimeSender } from '../platform';

export type Handler<N extends MessageName> = (
  payload: RequestOf<N>,
  context: SenderContext,
  /** What the browser says about the sender (frame, origin, tab); content-script handlers need it. */
  sender: SenderInfo,
) => Promise<ReplyOf<N>> | ReplyOf<N>;

/** One handler per message of the protocol. */
export type Handlers = { [N in MessageName]: Handler<N> };

/**
 * Registers the listener. Must run synchronously at the top of the background `main` so a
 * worker woken by a message receives it.
 */
export function listenForMessages(handlers: Handlers, options: { onMessage?: () => void } = {}): void {
  // Firefox's `runtime.id` is the add-on id, not the host of our pages' URLs: ask for both.
  const own = ownExtension(extensionId(), extensionBaseUrl());
  onRuntimeMessage((message, sender, respond) => {
    if (!isEnvelope(message)) return false;
    // Only a person using an extension page counts as activity (auto-lock): a page load that
    // wakes the in-page button's content script must not keep the vault open.
    if (classifySender(sender, own) === 'extension-page') options.onMessage?.();
    void dispatch(message, sender, handlers, own).then(respond);
    return true;
  });
}

async function dispatch(message: Envelope, sender: RuntimeSender, handlers: Handlers, own: OwnExtension): Promise<WireReply> {
  try {
    const context = authorize(message.name, classifySender(sender, own));
    const handler = handlers[message.name] as Handler<MessageName>;
    const value = await handler(message.payload as never, context, senderInfo(sender));
    return { ok: true, value } as WireReply;
  } catch (error) {
    if (!(error instanceof MessageRejectedError)) reportHandlerFailure(message.name, error);
    return { ok: false, error: serializeError(error) };
  }
}

/** Copies only what the browser itself filled in; nothing here comes from the message. */
function senderInfo(sender: RuntimeSender): SenderInfo {
  const { url, origin, frameId, documentId, tab } = sender;
  return { url, origin, frameId, documentId, ...(tab ? { tab: { id: tab.id, active: tab.active } } : {}) };
}

/** Logs the kind of failure only: messages and payloads may carry secrets. */
function reportHandlerFailure(name: MessageName, error: unknown): void {
  const serialized = serializeError(error);
  if (serialized.code === 'internal') console.error(`Tessera: "${name}" failed (${serialized.name}).`);
}
