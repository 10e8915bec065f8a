/** What the in-page button's content script and the worker say to each other about one frame. */

/**
 * What a click on the in-page button gets: one code (exactly one bound account), the popup
 * (several: the person chooses there), or nothing. Never names, never a count.
 */
export type InPageFillReply =
  | { status: 'code'; code: string; submit: boolean }
  | { status: 'popup-opened' }
  | { status: 'open-popup' }
  | { status: 'refused' };

/** The parts of `runtime.MessageSender` a handler may read (origin and frame as the browser saw them). */
export interface SenderInfo {
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; active?: boolean };
}
