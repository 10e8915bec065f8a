/** The public face of `lib/contract/`: the message protocol, sender checks and the derived client. */
export * from './protocol';
export { authorize, classifySender, MessageRejectedError, ownExtension, type OwnExtension } from './sender';
export { actingForTab, createClient, envelopeOf, poppedOutTabId, withEarlyReplies, type Client, type EarlyRequest } from './client';
