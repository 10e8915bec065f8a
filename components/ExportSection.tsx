import type { ManageState } from '@/lib/manage';
import { ExportAccountQr } from './ExportAccountQr';
import { ExportMigrationCodes } from './ExportMigrationCodes';
import { ExportOtpauthList } from './ExportOtpauthList';
import { ManageSection } from './ManageSection';
import { t } from '@/lib/i18n';

/** Clear-text exports, each shown only on request and hidden again with one button. */
export function ExportSection({ state }: { state: ManageState }) {
  const showing =
    state.otpauthList.value.name === 'done' || state.migration.value.name === 'done' || state.accountQr.value.name === 'done';
  return (
    <ManageSection id="export" title={t('export_title')}>
      <p class="notice warning" role="note">
        <strong>{t('export_warning_title')}</strong> {t('export_warning')}
      </p>
      <p class="hint" data-export-note="groups">
        {t('export_formats_no_groups')}
      </p>
      <ExportOtpauthList state={state} />
      <ExportMigrationCodes state={state} />
      <ExportAccountQr state={state} />
      {showing && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => state.hideExports()}>
            {t('export_hide_all')}
          </button>
        </div>
      )}
    </ManageSection>
  );
}
