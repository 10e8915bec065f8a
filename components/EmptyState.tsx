import type { PopupState } from '@/lib/popup';
import { SLOT, t } from '@/lib/i18n';
import { Icon } from './Icon';
import { Slotted } from './Slotted';

/** The first screen of an empty vault: every way in, the usual one first, then what keeps accounts safe. */
export function EmptyState({ state }: { state: PopupState }) {
  const passphraseOn = state.vaultMode.value === 'passphrase';
  const openSection = (section: 'import' | 'lock' | 'backup') => void state.openManagePage(section).then(() => window.close());
  return (
    <div class="empty">
      <h2>{t('empty_title')}</h2>
      <p>{t('empty_intro')}</p>
      <div class="empty-actions">
        {state.capture.available && (
          <button type="button" id="empty-scan" class="primary" onClick={() => void state.capture.scan()}>
            {t('empty_scan')}
          </button>
        )}
        <button type="button" id="empty-add" class={state.capture.available ? '' : 'primary'} onClick={() => (state.view.value = { name: 'add' })}>
          <Icon name="plus" size={16} /> {t('empty_enter_key')}
        </button>
        <button type="button" onClick={() => openSection('import')}>
          {t('empty_import')}
        </button>
      </div>
      <h3>{t('empty_safety_title')}</h3>
      <ul class="empty-safety">
        {!passphraseOn && (
          <li>
            <Slotted
              text={t('empty_set_passphrase', SLOT)}
              parts={[
                <button type="button" class="link-button" onClick={() => openSection('lock')}>
                  {t('empty_set_passphrase_link')}
                </button>,
              ]}
            />
          </li>
        )}
        <li>
          <Slotted
            text={t('empty_make_backup', SLOT)}
            parts={[
              <button type="button" class="link-button" onClick={() => openSection('backup')}>
                {t('empty_make_backup_link')}
              </button>,
            ]}
          />
        </li>
      </ul>
    </div>
  );
}
