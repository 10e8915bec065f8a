import type { ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';
import { t, tPlural } from '@/lib/i18n';

/** Every account as an otpauth:// link, one per line: for other apps that import such lists. */
export function ExportOtpauthList({ state }: { state: ManageState }) {
  const task = state.otpauthList.value;
  return (
    <div class="export-part">
      <h3>{t('export_list_title')}</h3>
      {task.name !== 'done' ? (
        <button type="button" onClick={() => void state.showOtpauthList()} disabled={task.name === 'working'}>
          {t('export_list_show')}
        </button>
      ) : (
        <>
          <label class="field">
            <span>{tPlural('export_list_count', task.value.exported)}</span>
            <textarea dir="ltr" class="export-text" readOnly rows={Math.min(10, Math.max(3, task.value.exported))} value={task.value.text} spellcheck={false} />
          </label>
          <div class="actions">
            <button type="button" onClick={() => void state.copyOtpauthList()}>
              {t('common_copy')}
            </button>
            <button type="button" onClick={() => state.saveOtpauthList()}>
              {t('export_list_download')}
            </button>
          </div>
          <ExportSkippedList skipped={task.value.skipped} from="list" />
        </>
      )}
      {task.name === 'failed' && <p class="field-error" role="alert">{task.message}</p>}
    </div>
  );
}
