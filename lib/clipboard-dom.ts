/**
 * Reading and emptying the clipboard with a document's editing commands: what an offscreen
 * document (Chromium) and the event page (Firefox) both can do, given clipboardRead and
 * clipboardWrite. Pure DOM: the caller passes the document.
 */

/** The clipboard's text, pasted into a scratch textarea that is emptied again at once. */
export function readClipboardText(doc: Document): string {
  const scratch = doc.createElement('textarea');
  scratch.setAttribute('aria-hidden', 'true');
  doc.body.append(scratch);
  try {
    scratch.focus();
    doc.execCommand('paste');
    return scratch.value;
  } finally {
    scratch.remove();
  }
}

/** Replaces the clipboard's text with an empty string (not a space, not a placeholder). */
export function emptyClipboard(doc: Document): void {
  const onCopy = (event: ClipboardEvent) => {
    event.preventDefault();
    event.clipboardData?.setData('text/plain', '');
  };
  doc.addEventListener('copy', onCopy, { once: true });
  try {
    doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}
