/**
 * Where keyboard focus goes when the popup changes screen: into the new screen (its first
 * field or its heading), and back to the row or button that opened it on the way back. Pure
 * DOM functions over the popup's document, so they run in tests as they run in the popup.
 */

/** What had focus when a sub-view opened: an account row, or a control with an id. */
export type FocusOrigin = { accountId: string } | { controlId: string } | null;

export function originOf(active: Element | null): FocusOrigin {
  if (!active || active === active.ownerDocument?.body) return null;
  const row = active.closest<HTMLElement>('[data-account-id]');
  if (row?.dataset.accountId) return { accountId: row.dataset.accountId };
  return active.id ? { controlId: active.id } : null;
}

/** Focuses an account's row button; false when that row is not (or no longer) shown. */
export function focusRow(root: ParentNode, accountId: string): boolean {
  const button = root.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(accountId)}"] [data-row-button]`);
  button?.focus();
  return !!button;
}

export function focusOrigin(root: ParentNode, origin: FocusOrigin): boolean {
  if (!origin) return false;
  if ('accountId' in origin) return focusRow(root, origin.accountId);
  const control = root.querySelector<HTMLElement>(`#${CSS.escape(origin.controlId)}`);
  if (!control || (control as HTMLButtonElement).disabled) return false;
  control.focus();
  return true;
}

/**
 * Focuses a screen: the element it marks `data-autofocus` (a form's first field), else its first
 * heading, made focusable for that (a screen reader then reads the heading, and Tab continues
 * from there). False when the screen has neither yet (still loading).
 */
export function focusScreen(screen: ParentNode): boolean {
  const target = screen.querySelector<HTMLElement>('[data-autofocus]') ?? screen.querySelector<HTMLElement>('h1, h2');
  if (!target) return false;
  if (!target.matches('input, select, textarea, button, a[href], [tabindex]')) target.tabIndex = -1;
  target.focus();
  return true;
}

/**
 * True when focus has landed inside `screen` since `before` was the focused element: the person
 * (typing fast, or a screen reader's own navigation) is already in the new screen, and a late
 * move to its first field would pull them back mid-word: the rest of what they type would land in
 * the wrong field. Focus falling to the body (the old screen's element unmounted) does not count.
 */
export function focusArrivedSince(screen: Node, before: Element | null): boolean {
  const active = screen.ownerDocument?.activeElement ?? null;
  if (!active || active === before || active === active.ownerDocument?.body) return false;
  return screen.contains(active);
}

/** The list's default focus: the search field, else the first row, else the list screen itself. */
export function focusList(root: ParentNode): boolean {
  const target = root.querySelector<HTMLElement>('#search') ?? root.querySelector<HTMLElement>('[data-row-button]');
  if (target) {
    target.focus();
    return true;
  }
  return focusScreen(root);
}
