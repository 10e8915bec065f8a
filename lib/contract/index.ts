/** The public face of `lib/contract/`: the message protocol, sender checks and the derived client. */
export * from './protocol';
export { authorize, classifySender, MessageRejectedError } from './sender';
export { actingForTab, createClient, type Client } from './client';
