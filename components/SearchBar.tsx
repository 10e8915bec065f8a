import type { PopupState } from '@/lib/popup';
import { SORT_ORDERS, type SortOrder } from '@/lib/settings';
import { t, type MessageKey } from '@/lib/i18n';
import { Icon } from './Icon';

const SORT_LABELS: Record<SortOrder, MessageKey> = {
  manual: 'sort_manual',
  issuer: 'sort_issuer',
  recent: 'sort_recent',
};

export function SearchBar({ state }: { state: PopupState }) {
  return (
    <div class="search-bar">
      <label class="search-field">
        <Icon name="search" size={16} />
        <span class="visually-hidden">{t('search_label')}</span>
        <input
          id="search"
          type="search"
          placeholder={t('search_placeholder')}
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
        <span class="visually-hidden">{t('sort_label')}</span>
        <select
          value={state.settings.value.sortOrder}
          onChange={(event) => void state.changeSettings({ sortOrder: event.currentTarget.value as SortOrder })}
        >
          {SORT_ORDERS.map((order) => (
            <option key={order} value={order}>
              {t(SORT_LABELS[order] as 'sort_manual')}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
