/**
 * Which code an account shows at a given instant, from the current/next pair the worker
 * computed: past the end of a step the pre-fetched next code is shown, so a boundary
 * never shows a stale code, not even for a frame.
 */
import type { AccountCode, AccountMeta } from '../vault';

export interface DisplayedCode {
  code: string;
  /** The code after this one, once known. */
  next: string | null;
  /** Milliseconds until `code` stops being valid. */
  msLeft: number;
  period: number;
  stepStart: number;
}

export function displayedCode(entry: AccountCode | undefined, now: number): DisplayedCode | null {
  if (!entry) return null;
  const periodMs = entry.period * 1000;
  if (now < entry.stepStart) return null;
  if (now < entry.stepEnd) {
    return { code: entry.current, next: entry.next, msLeft: entry.stepEnd - now, period: entry.period, stepStart: entry.stepStart };
  }
  if (now < entry.stepEnd + periodMs) {
    return { code: entry.next, next: null, msLeft: entry.stepEnd + periodMs - now, period: entry.period, stepStart: entry.stepEnd };
  }
  return null;
}

/** Groups a code for reading: 123 456, 1234 5678, 12 345 678; Steam codes stay whole. */
export function groupCode(code: string): string {
  if (!/^\d+$/.test(code)) return code;
  switch (code.length) {
    case 6:
      return `${code.slice(0, 3)} ${code.slice(3)}`;
    case 7:
      return `${code.slice(0, 3)} ${code.slice(3)}`;
    case 8:
      return `${code.slice(0, 4)} ${code.slice(4)}`;
    default:
      return code.length > 8 ? `${code.slice(0, code.length - 6)} ${code.slice(-6, -3)} ${code.slice(-3)}` : code;
  }
}

/** When the earliest shown code in the map needs its successor fetched. */
export function nextRefreshAt(entries: Iterable<AccountCode>): number | null {
  let earliest: number | null = null;
  for (const entry of entries) {
    if (earliest === null || entry.stepEnd < earliest) earliest = entry.stepEnd;
  }
  return earliest;
}

/** What a row shows in its code's place while no code can be read there. */
export const CODE_PLACEHOLDER = {
  /** Asked for, not arrived yet. */
  loading: '…',
  /** Hidden until clicked (the "hide codes" setting). */
  hidden: '••• •••',
  /** A counter-based account whose next code has not been asked for. */
  hotpNotAsked: '––– –––',
} as const;

export type RowCodeFacts = {
  kind: AccountMeta['kind'];
  /** The code is hidden until clicked. */
  hidden: boolean;
  /** The last counter-based code asked for in this popup, if any. */
  hotpCode: string | undefined;
  /** The time-based code valid now, null until it has arrived. */
  shown: DisplayedCode | null;
};

/**
 * The text in a row's code place (an unreadable account's message aside). A code still loading
 * shows as loading, hidden or not: dots would say a click can reveal a code that has not arrived
 * yet (without a snapshot, codes slower than FIRST_CODES_WAIT_MS arrive after their rows).
 */
export function rowCodeText({ kind, hidden, hotpCode, shown }: RowCodeFacts): string {
  if (kind === 'hotp') {
    if (hidden) return CODE_PLACEHOLDER.hidden;
    return hotpCode ? groupCode(hotpCode) : CODE_PLACEHOLDER.hotpNotAsked;
  }
  if (!shown) return CODE_PLACEHOLDER.loading;
  return hidden ? CODE_PLACEHOLDER.hidden : groupCode(shown.code);
}
