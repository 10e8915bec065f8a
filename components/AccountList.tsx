import { signal, useSignal, type Signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { AccountMeta } from '@/lib/vault';
import { type PopupState, ROWS_AT_FIRST_PAINT } from '@/lib/popup';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';
import { AccountRow } from './AccountRow';

/** Rows drawn in full at first paint, before the browser reports what is on screen: the 8 a 600 px popup shows, and one more. */
const ROWS_LIVE_AT_OPEN = 9;

/** How many rows to render: a first screenful, then every row once the popup has painted it with its codes. */
function useRowBudget(total: number, codesShown: boolean): number {
  const budget = useSignal(ROWS_AT_FIRST_PAINT);
  useEffect(() => {
    if (total <= budget.value || !codesShown) return;
    const frame = requestAnimationFrame(() => setTimeout(() => (budget.value = Number.POSITIVE_INFINITY)));
    return () => cancelAnimationFrame(frame);
  }, [total, budget, codesShown]);
  return budget.value;
}

/**
 * Which rows are near the viewport, so only those mount their code, countdown and
 * actions. A row once live stays live (scrolling back costs nothing).
 */
function useLiveRows() {
  return useMemo(() => {
    const live = new Map<string, Signal<boolean>>();
    const byElement = new WeakMap<Element, string>();
    const supported = typeof IntersectionObserver !== 'undefined';
    let observer: IntersectionObserver | null = null;
    // Created on first use with the popup's scroll container as root, so the margin
    // mounts rows a little before they scroll into view.
    function observerFor(element: Element): IntersectionObserver {
      observer ??= new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            const id = byElement.get(entry.target);
            if (id) live.get(id)!.value = true;
            observer!.unobserve(entry.target);
          }
        },
        { root: element.closest('.content'), rootMargin: '300px 0px' },
      );
      return observer;
    }
    return {
      signalFor(id: string, initiallyLive: boolean): Signal<boolean> {
        let entry = live.get(id);
        if (!entry) live.set(id, (entry = signal(initiallyLive || !supported)));
        return entry;
      },
      observer(id: string) {
        return (element: Element | null) => {
          if (!element || !supported || live.get(id)?.value) return;
          byElement.set(element, id);
          observerFor(element).observe(element);
        };
      },
      disconnect: () => observer?.disconnect(),
    };
  }, []);
}

type LiveRows = ReturnType<typeof useLiveRows>;

function focusRow(list: HTMLElement, index: number): void {
  const buttons = list.querySelectorAll<HTMLButtonElement>('[data-row-button]');
  buttons[Math.max(0, Math.min(buttons.length - 1, index))]?.focus();
}

/** Arrow keys move between rows; Alt+Arrow moves the account itself in manual order. */
function onListKeyDown(state: PopupState, event: KeyboardEvent): void {
  const list = event.currentTarget as HTMLElement;
  const target = event.target as HTMLElement;
  if (!target.matches('[data-row-button]')) return;
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('[data-row-button]')];
  const index = buttons.indexOf(target as HTMLButtonElement);
  const id = target.closest<HTMLElement>('[data-account-id]')?.dataset.accountId;
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    if (id && state.settings.value.sortOrder === 'manual') {
      void state.moveBy(id, event.key === 'ArrowUp' ? -1 : 1).then(() => {
        list.querySelector<HTMLButtonElement>(`[data-account-id="${id}"] [data-row-button]`)?.focus();
      });
    } else {
      state.announce(t('list_move_needs_manual_order'));
    }
    return;
  }
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault();
      focusRow(list, index + 1);
      break;
    case 'ArrowUp':
      event.preventDefault();
      if (index === 0) document.querySelector<HTMLInputElement>('#search')?.focus();
      else focusRow(list, index - 1);
      break;
    case 'Home':
      event.preventDefault();
      focusRow(list, 0);
      break;
    case 'End':
      event.preventDefault();
      focusRow(list, buttons.length - 1);
      break;
  }
}

function Section({
  state,
  id,
  title,
  accounts,
  liveRows,
  firstIndex,
  note,
}: {
  state: PopupState;
  /** Stable across languages: the heading's id is built from it. */
  id: 'this-site' | 'others';
  title: string;
  accounts: AccountMeta[];
  liveRows: LiveRows;
  firstIndex: number;
  /** Said under the heading, e.g. why the accounts of this site offer no Fill. */
  note?: string | null;
}) {
  const draggable = state.settings.value.sortOrder === 'manual' && !state.query.value;
  const headingId = `h-${id}`;
  const onDropOn = (draggedId: string, targetId: string) => {
    const ordered = [...state.accounts.value].sort((a, b) => a.order - b.order);
    void state.move(draggedId, ordered.findIndex((a) => a.id === targetId));
  };
  return (
    <section class="list-section" aria-labelledby={headingId}>
      <h2 class="section-title" id={headingId}>
        {title}
      </h2>
      {note && (
        <p class="section-note" id={`${headingId}-note`}>
          {note}
        </p>
      )}
      <ul class="accounts" aria-labelledby={headingId}>
        {accounts.map((account, index) => (
          <AccountRow
            key={account.id}
            state={state}
            account={account}
            draggable={draggable}
            onDropOn={onDropOn}
            live={liveRows.signalFor(account.id, firstIndex + index < ROWS_LIVE_AT_OPEN)}
            observe={liveRows.observer(account.id)}
          />
        ))}
      </ul>
    </section>
  );
}

const NO_FILL_REASONS = {
  'insecure-page': 'list_no_fill_insecure_page',
  'filling-off': 'list_no_fill_policy',
} as const;

/** Why some accounts listed under "This site" offer no Fill, when the worker said so. */
function whyNoFill(state: PopupState, thisSite: AccountMeta[]): string | null {
  const reason = state.activeSite.value.notFillableBecause;
  if (!reason || thisSite.every((account) => state.fillableIds.value.has(account.id))) return null;
  return t(NO_FILL_REASONS[reason]);
}

export function AccountList({ state }: { state: PopupState }) {
  const { thisSite, others } = state.groups.value;
  // In a browser that has just started, the rest of the rows (990 for 1,000 accounts) or the
  // icons' 270 KiB chunk took 100-150 ms of the page's only thread, and the first screen's codes,
  // arriving meanwhile, waited for them (`npm run bench`, restart case).
  const codesShown = state.firstCodesShown.value;
  const budget = useRowBudget(thisSite.length + others.length, codesShown);
  const liveRows = useLiveRows();
  useEffect(() => liveRows.disconnect, [liveRows]);
  // Service icons come after the first rows are on screen with their codes (a frame, then a task), never before.
  useEffect(() => {
    if (!codesShown) return;
    const frame = requestAnimationFrame(() => setTimeout(() => state.loadServiceIcons()));
    return () => cancelAnimationFrame(frame);
  }, [state, codesShown]);
  if (thisSite.length === 0 && others.length === 0) {
    const group = state.groupFilter.value;
    return (
      <p class="no-results" role="status">
        {group === null ? (
          t('list_no_match', state.query.value)
        ) : (
          <Slotted text={t('list_no_match_in_group', SLOT, SLOT)} parts={[<bdi>{group}</bdi>, <bdi>{state.query.value}</bdi>]} />
        )}
      </p>
    );
  }
  return (
    <div class="account-list" id="account-list" onKeyDown={(event) => onListKeyDown(state, event)}>
      {thisSite.length > 0 && (
        <Section
          state={state}
          id="this-site"
          title={t('list_section_this_site')}
          accounts={thisSite.slice(0, budget)}
          liveRows={liveRows}
          firstIndex={0}
          note={whyNoFill(state, thisSite)}
        />
      )}
      {others.length > 0 && (
        <Section
          state={state}
          id="others"
          title={thisSite.length > 0 ? t('list_section_others') : t('list_section_all')}
          accounts={others.slice(0, Math.max(0, budget - thisSite.length))}
          liveRows={liveRows}
          firstIndex={thisSite.length}
        />
      )}
    </div>
  );
}
