/** User preferences: their shape, defaults and allowed values (no browser calls here). */

export const CLIPBOARD_CLEAR_CHOICES = [0, 15, 30, 60, 120] as const;
export type ClipboardClearSeconds = (typeof CLIPBOARD_CLEAR_CHOICES)[number];

export const SORT_ORDERS = ['manual', 'issuer', 'recent'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Minutes of inactivity before a passphrase-locked vault locks again. */
export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240] as const;
export type AutoLockMinutes = (typeof AUTO_LOCK_CHOICES)[number];

export interface Settings {
  /** 0 = never clear. Clearing needs the optional clipboardRead permission. */
  clipboardClearSeconds: ClipboardClearSeconds;
  sortOrder: SortOrder;
  hideCodes: boolean;
  autoLockMinutes: AutoLockMinutes;
  /** The optional in-page fill button (issue 6); needs the optional https host permission. */
  inPageButton: boolean;
  /** The group the popup list is filtered to (a group name, never a secret); null = all accounts. */
  groupFilter: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 0,
  sortOrder: 'manual',
  hideCodes: false,
  autoLockMinutes: 15,
  inPageButton: false,
  groupFilter: null,
};

/** Reads stored settings defensively: an unknown or corrupt value falls back to its default. */
export function normalizeSettings(stored: Partial<Record<keyof Settings, unknown>> | null | undefined): Settings {
  const s = stored ?? {};
  return {
    clipboardClearSeconds: (CLIPBOARD_CLEAR_CHOICES as readonly unknown[]).includes(s.clipboardClearSeconds)
      ? (s.clipboardClearSeconds as ClipboardClearSeconds)
      : DEFAULT_SETTINGS.clipboardClearSeconds,
    sortOrder: (SORT_ORDERS as readonly unknown[]).includes(s.sortOrder)
      ? (s.sortOrder as SortOrder)
      : DEFAULT_SETTINGS.sortOrder,
    hideCodes: typeof s.hideCodes === 'boolean' ? s.hideCodes : DEFAULT_SETTINGS.hideCodes,
    autoLockMinutes: (AUTO_LOCK_CHOICES as readonly unknown[]).includes(s.autoLockMinutes)
      ? (s.autoLockMinutes as AutoLockMinutes)
      : DEFAULT_SETTINGS.autoLockMinutes,
    inPageButton: s.inPageButton === true,
    // A group name is short (the vault allows 32 characters); anything else is not ours.
    groupFilter: typeof s.groupFilter === 'string' && s.groupFilter.length > 0 && s.groupFilter.length <= 64 ? s.groupFilter : null,
  };
}
