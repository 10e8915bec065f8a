/**
 * The browser side of the message contract: the client every extension page uses, and
 * the worker's listener that classifies senders and enforces the allow-list.
 */
import { browser, type Browser } from 'wxt/browser';
import { RemoteError, serializeError } from '../errors';
import type { Envelope, MessageName, ReplyOf, RequestOf, SenderContext, SenderInfo, WireReply } from '../messaging';
import { authorize, classifySender, isEnvelope, MessageRejectedError } from '../messaging';

export type Handler<N extends MessageName> = (
  payload: RequestOf<N>,
  context: SenderContext,
  /** What the browser says about the sender (frame, origin, tab); content-script handlers need it. */
  sender: SenderInfo,
) => Promise<ReplyOf<N>> | ReplyOf<N>;

export type Handlers = { [N in MessageName]: Handler<N> };

/** Sends one message to the worker; a failure arrives as a `RemoteError` with its code. */
export async function sendMessage<N extends MessageName>(
  name: N,
  ...payload: RequestOf<N> extends void ? [] : [RequestOf<N>]
): Promise<ReplyOf<N>> {
  const envelope: Envelope<N> = { tessera: 1, name, payload: payload[0] as RequestOf<N> };
  const reply = (await browser.runtime.sendMessage(envelope)) as WireReply<N> | undefined;
  if (!reply) throw new RemoteError({ name: 'Error', code: 'no-reply', message: 'Tessera did not answer.' });
  if (!reply.ok) throw new RemoteError(reply.error);
  return reply.value;
}

/**
 * Registers the worker's single message listener. Must run synchronously at the top
 * of the background `main` so a worker woken by a message receives it.
 */
export function listenForMessages(handlers: Handlers, options: { onMessage?: () => void } = {}): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isEnvelope(message)) return false;
    // Only a person using an extension page counts as activity (auto-lock): a page load that
    // wakes the in-page button's content script must not keep the vault open.
    if (classifySender(sender, browser.runtime.id) === 'extension-page') options.onMessage?.();
    void dispatch(message, sender, handlers).then(sendResponse);
    return true;
  });
}

async function dispatch(
  message: Envelope,
  sender: Browser.runtime.MessageSender,
  handlers: Handlers,
): Promise<WireReply> {
  try {
    const context = authorize(message.name, classifySender(sender, browser.runtime.id));
    const handler = handlers[message.name] as Handler<MessageName>;
    const value = await handler(message.payload as never, context, senderInfo(sender));
    return { ok: true, value } as WireReply;
  } catch (error) {
    if (!(error instanceof MessageRejectedError)) reportHandlerFailure(message.name, error);
    return { ok: false, error: serializeError(error) };
  }
}

/** Copies only what the browser itself filled in; nothing here comes from the message. */
function senderInfo(sender: Browser.runtime.MessageSender): SenderInfo {
  const { url, origin, frameId, documentId, tab } = sender as Browser.runtime.MessageSender & { documentId?: string };
  return { url, origin, frameId, documentId, ...(tab ? { tab: { id: tab.id, active: tab.active } } : {}) };
}

/** Logs the kind of failure only: messages and payloads may carry secrets. */
function reportHandlerFailure(name: MessageName, error: unknown): void {
  const serialized = serializeError(error);
  if (serialized.code === 'internal') console.error(`Tessera: "${name}" failed (${serialized.name}).`);
}
