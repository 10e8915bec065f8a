import { useSignal, type Signal } from '@preact/signals';
import { bindingLabel } from '@/lib/popup';
import type { SiteBinding } from '@/lib/vault';
import { FieldError } from './FieldError';
import { Icon } from './Icon';
import { messageOf } from '@/lib/error-text';
import { t } from '@/lib/i18n';

function sameBinding(a: SiteBinding, b: SiteBinding): boolean {
  return a.match === 'site' ? b.match === 'site' && a.site === b.site : b.match === 'origin' && a.origin === b.origin;
}

/**
 * The sites an account may be filled on. A bare domain binds the whole site (every
 * subdomain); a full https:// address binds that exact origin only.
 */
export function SitesEditor({ sites }: { sites: Signal<SiteBinding[]> }) {
  const draft = useSignal('');
  const error = useSignal<string | null>(null);

  async function addDraft(): Promise<void> {
    // What was typed when Add was pressed: the person may type the next site while the list loads.
    const typed = draft.value;
    if (!typed.trim()) return;
    try {
      // Loaded on demand: the Public Suffix List is large and the list view never needs it.
      const { parseSiteInput } = await import('@/lib/sites/binding');
      const binding = parseSiteInput(typed);
      if (!sites.value.some((b) => sameBinding(b, binding))) sites.value = [...sites.value, binding];
      if (draft.value === typed) draft.value = '';
      error.value = null;
    } catch (caught) {
      error.value = messageOf(caught);
    }
  }

  return (
    <fieldset class="sites">
      <legend>{t('sites_legend')}</legend>
      {sites.value.length === 0 ? (
        <p class="hint">{t('sites_none')}</p>
      ) : (
        <ul class="site-list">
          {sites.value.map((binding) => (
            <li key={bindingLabel(binding)}>
              <span>
                <bdi dir="ltr">{bindingLabel(binding)}</bdi>
                <small> {binding.match === 'site' ? t('sites_whole_site') : t('sites_this_address')}</small>
              </span>
              <button
                type="button"
                class="icon-button"
                aria-label={t('sites_remove', bindingLabel(binding))}
                onClick={() => (sites.value = sites.value.filter((b) => !sameBinding(b, binding)))}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="inline-add">
        <input
          name="site"
          aria-label={t('sites_add_label')}
          placeholder={t('sites_placeholder')}
          dir="ltr"
          autocomplete="off"
          spellcheck={false}
          value={draft.value}
          aria-invalid={!!error.value}
          aria-describedby="site-error"
          onInput={(e) => (draft.value = e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void addDraft();
            }
          }}
        />
        <button type="button" onClick={() => void addDraft()}>
          {t('sites_add_button')}
        </button>
      </div>
      <FieldError id="site-error" message={error.value} />
    </fieldset>
  );
}
