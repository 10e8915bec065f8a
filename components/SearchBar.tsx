import type { PopupState } from '@/lib/popup';
import { SORT_ORDERS, type SortOrder } from '@/lib/settings';
import { Icon } from './Icon';

const SORT_LABELS: Record<SortOrder, string> = {
  manual: 'Manual order',
  issuer: 'Issuer A–Z',
  recent: 'Recently used',
};

export function SearchBar({ state }: { state: PopupState }) {
  return (
    <div class="search-bar">
      <label class="search-field">
        <Icon name="search" size={16} />
        <span class="visually-hidden">Search accounts</span>
        <input
          id="search"
          type="search"
          placeholder="Search  ( / )"
          autocomplete="off"
          spellcheck={false}
          value={state.query.value}
          onInput={(event) => (state.query.value = event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && state.query.value) {
              event.preventDefault();
              event.stopPropagation();
              state.query.value = '';
            } else if (event.key === 'ArrowDown') {
              event.preventDefault();
              document.querySelector<HTMLButtonElement>('[data-row-button]')?.focus();
            } else if (event.key === 'Enter') {
              event.preventDefault();
              const first = state.orderedIds.value[0];
              if (first) void state.copy(first);
            }
          }}
        />
      </label>
      <label class="sort-select">
        <span class="visually-hidden">Sort accounts</span>
        <select
          value={state.settings.value.sortOrder}
          onChange={(event) => void state.changeSettings({ sortOrder: event.currentTarget.value as SortOrder })}
        >
          {SORT_ORDERS.map((order) => (
            <option key={order} value={order}>
              {SORT_LABELS[order]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
