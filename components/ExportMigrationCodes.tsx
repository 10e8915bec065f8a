import type { ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';
import { ManageQrCode } from './ManageQrCode';
import { t, tPlural } from '@/lib/i18n';

/** QR codes that Google Authenticator (and apps reading its export) scan with "Import accounts". */
export function ExportMigrationCodes({ state }: { state: ManageState }) {
  const task = state.migration.value;
  return (
    <div class="export-part">
      <h3>{t('export_migration_title')}</h3>
      {task.name !== 'done' ? (
        <button type="button" onClick={() => void state.showMigrationCodes()} disabled={task.name === 'working'}>
          {t('export_migration_show')}
        </button>
      ) : task.value.uris.length === 0 ? (
        <p>{t('export_migration_none')}</p>
      ) : (
        <>
          <p class="hint">{tPlural('export_migration_hint', task.value.exported)}</p>
          <ol class="qr-grid">
            {task.value.uris.map((uri, index) => {
              const caption = t('export_migration_part', index + 1, task.value.uris.length);
              return (
                <li key={uri}>
                  <figure>
                    <ManageQrCode text={uri} label={t('export_migration_label', index + 1, task.value.uris.length)} />
                    <figcaption>{caption}</figcaption>
                  </figure>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {task.name === 'done' && <ExportSkippedList skipped={task.value.skipped} from="codes" />}
      {task.name === 'failed' && <p class="field-error" role="alert">{task.message}</p>}
    </div>
  );
}
