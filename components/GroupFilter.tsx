import type { PopupState } from '@/lib/popup';
import { t } from '@/lib/i18n';

/**
 * "All" plus one chip per group, above the list (only when a group exists). One Tab stop: the
 * arrow keys, Home and End move between chips, Enter or Space chooses; Down goes to the rows.
 */
export function GroupFilter({ state }: { state: PopupState }) {
  const names = state.accountGroups.value;
  if (names.length === 0) return null;
  const chosen = state.groupFilter.value;
  const chips: Array<{ key: string; name: string | null; label: string }> = [
    { key: '', name: null, label: t('group_filter_all') },
    ...names.map((name) => ({ key: `g:${name}`, name, label: name })),
  ];

  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      document.querySelector<HTMLButtonElement>('[data-row-button]')?.focus();
      return;
    }
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    // Right-to-left pages flip the arrows' meaning on screen, so follow the document's direction.
    const rtl = getComputedStyle(event.currentTarget as HTMLElement).direction === 'rtl';
    const target = rtl && (event.key === 'ArrowRight' || event.key === 'ArrowLeft') ? index * 2 - next : next;
    buttons[(target + buttons.length) % buttons.length]?.focus();
  }

  return (
    <div class="group-filter" role="group" aria-label={t('group_filter_label')} onKeyDown={onKeyDown}>
      {chips.map((chip) => {
        const pressed = chip.name === chosen;
        return (
          <button
            key={chip.key}
            type="button"
            class="chip"
            aria-pressed={pressed}
            tabIndex={pressed ? 0 : -1}
            data-group-chip={chip.name ?? ''}
            onClick={() => void state.filterByGroup(chip.name)}
          >
            {chip.label}
          </button>
        );
      })}
    </div>
  );
}
