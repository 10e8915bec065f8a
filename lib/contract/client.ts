/**
 * The caller's side of the contract: a `Client` with one method per message, derived from
 * `Protocol`, so adding a message adds its method here with no hand-written binding. Page
 * state takes `Pick<Client, …>` (what it may ask); tests hand it plain functions.
 */
import { RemoteError } from '../errors';
import { ALLOWED_SENDERS, type Envelope, type MessageName, type ReplyOf, type RequestOf, type WireReply } from './protocol';

export type Client = { [N in MessageName]: (request: RequestOf<N>) => Promise<ReplyOf<N>> };

/** Delivers one envelope to the worker and resolves with its wire reply (`runtime.sendMessage`). */
export type Transport = (envelope: Envelope) => Promise<unknown>;

/**
 * The one binding of `Client`: every method wraps its request in an envelope and unwraps the
 * reply; a failure arrives as a `RemoteError` carrying the worker's `code`. Pages pass the
 * browser's transport (`sendRuntimeMessage` from lib/platform).
 */
export function createClient(send: Transport): Client {
  const call = async <N extends MessageName>(name: N, payload: RequestOf<N>): Promise<ReplyOf<N>> => {
    const reply = (await send(envelopeOf(name, payload))) as WireReply<N> | undefined;
    if (!reply) throw new RemoteError({ name: 'Error', code: 'no-reply', message: 'Tessera did not answer.' });
    if (!reply.ok) throw new RemoteError(reply.error);
    return reply.value;
  };
  const names = Object.keys(ALLOWED_SENDERS) as MessageName[];
  return Object.fromEntries(names.map((name) => [name, (payload: never) => call(name, payload)])) as unknown as Client;
}

export function envelopeOf<N extends MessageName>(name: N, payload: RequestOf<N>): Envelope<N> {
  return { tessera: 1, name, payload };
}

/** A request a page sent before its client existed (the popup's popup-reads.js), and its reply on the way. */
export type EarlyRequest = { envelope: Envelope; reply: Promise<unknown> };

/**
 * A transport that answers the first request identical to an early one (same name, same payload)
 * with that early reply instead of asking again; every other request, and every later one, goes
 * out as usual. An early request that failed to arrive is sent again. Why: the popup's modules
 * take ~25 ms (a running browser) to well over 100 ms (the first page after a start) to load;
 * asking the worker before they run overlaps its start with that.
 */
export function withEarlyReplies(send: Transport, early: Promise<readonly EarlyRequest[]> | undefined): Transport {
  if (!early) return send;
  let unanswered: EarlyRequest[] | null = null;
  const known = early.then(
    (requests) => (unanswered = [...requests]),
    () => (unanswered = []),
  );
  const take = (envelope: Envelope, requests: EarlyRequest[]): Promise<unknown> => {
    const index = requests.findIndex((request) => sameRequest(request.envelope, envelope));
    if (index < 0) return send(envelope);
    const [taken] = requests.splice(index, 1);
    return taken!.reply.catch(() => send(envelope));
  };
  // Synchronous once the early list is known (always, by the time the popup's module runs): a
  // request must leave in the same task as its caller, before the rendering that task schedules,
  // which in a browser that has just started takes ~150 ms.
  return (envelope) => (unanswered ? take(envelope, unanswered) : known.then((requests) => take(envelope, requests)));
}

function sameRequest(a: Envelope, b: Envelope): boolean {
  return a.name === b.name && JSON.stringify(a.payload) === JSON.stringify(b.payload);
}

/** The messages that act on a tab: without `tabId` the worker takes the active tab. */
const TAB_MESSAGES = ['scanPage', 'getPendingCapture', 'getActiveSite', 'fillCode', 'fillEnrollmentPart'] as const satisfies ReadonlyArray<
  { [N in MessageName]: RequestOf<N> extends { tabId?: number } ? N : never }[MessageName]
>;

/**
 * The tab a popup popped out into its own window acts for, from its address's `?tab=<id>`
 * (`location.search`); undefined for the toolbar's own popup, which has no such parameter and
 * acts for the active tab. Only a plain decimal id counts: `Number()` of a missing parameter is
 * 0, which once made every toolbar popup act for a tab that does not exist (no "This site", no
 * Fill) while the popped-out copies the tests drive worked.
 */
export function poppedOutTabId(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * A client whose tab-acting messages name `tabId`: a popup popped out into its own window keeps
 * acting for the tab it was opened on rather than for itself. Unchanged when `tabId` is undefined.
 */
export function actingForTab(client: Client, tabId: number | undefined): Client {
  if (tabId === undefined) return client;
  const bound: Client = { ...client };
  for (const name of TAB_MESSAGES) {
    const send = client[name] as (request: object) => Promise<unknown>;
    (bound as Record<string, unknown>)[name] = (request: object) => send({ ...request, tabId });
  }
  return bound;
}
