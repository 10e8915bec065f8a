import { useEffect } from 'preact/hooks';
import type { ManageState } from '@/lib/manage';
import { ImportConflictChoice } from './ImportConflictChoice';
import { ImportDropZone } from './ImportDropZone';
import { ImportPreviewTable } from './ImportPreviewTable';
import { ImportSourceItem } from './ImportSourceItem';
import { ManageSection } from './ManageSection';
import { t, tPlural } from '@/lib/i18n';

/** Restore a backup or import another app's export: pick, preview, then one all-or-nothing commit. */
export function ImportSection({ state }: { state: ManageState }) {
  const sources = state.sources.value;
  const counts = state.counts.value;
  const count = state.importCount.value;
  const result = state.importResult.value;
  const committing = state.committing.value;
  // The Import button goes away with the preview: focus moves to what happened instead of the document.
  useEffect(() => {
    if (result.name !== 'done' && result.name !== 'failed') return;
    document.querySelector<HTMLElement>('#import .import-result')?.focus();
  }, [result.name]);
  return (
    <ManageSection
      id="import"
      title={t('import_title')}
      intro={t('import_intro')}
    >
      <ImportDropZone onFiles={(files) => void state.addFiles(files)} disabled={committing} />
      {sources.length > 0 && (
        <ul class="sources" aria-label={t('import_chosen_files')}>
          {sources.map((source) => (
            <ImportSourceItem key={source.id} source={source} state={state} />
          ))}
        </ul>
      )}
      <ImportPreviewTable state={state} />
      {state.previewError.value && (
        <p class="field-error" role="alert">
          {t('import_preview_failed', state.previewError.value)}
        </p>
      )}
      {state.rows.value.length > 0 && (
        <p class="summary">
          {t('import_summary', counts.new, counts.exists, tPlural('import_conflicts', counts.conflict), counts.problem)}
        </p>
      )}
      <ImportConflictChoice state={state} />
      {sources.length > 0 && (
        <div class="actions">
          <button type="button" class="primary" disabled={count === 0 || committing || counts.checking > 0} onClick={() => void state.commit()}>
            {committing ? t('import_importing') : tPlural('import_button', count)}
          </button>
          <button type="button" onClick={() => state.clearImport()} disabled={committing}>
            {t('import_clear')}
          </button>
        </div>
      )}
      {result.name === 'done' && (
        <p class="result success import-result" role="status" tabIndex={-1}>
          {[
            tPlural('announce_imported', result.value.added + result.value.replaced),
            result.value.replaced > 0 ? tPlural('import_result_replaced', result.value.replaced) : '',
            result.value.unchanged > 0 ? tPlural('import_result_unchanged', result.value.unchanged) : '',
            result.value.skipped > 0 ? tPlural('import_result_skipped', result.value.skipped) : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}
      {result.name === 'failed' && (
        <p class="field-error import-result" role="alert" tabIndex={-1}>
          {result.message}
        </p>
      )}
    </ManageSection>
  );
}
