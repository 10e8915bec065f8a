import { useEffect } from 'preact/hooks';
import type { ManageState } from '@/lib/manage';
import { ImportConflictChoice } from './ImportConflictChoice';
import { ImportDropZone } from './ImportDropZone';
import { ImportPreviewTable } from './ImportPreviewTable';
import { ImportSourceItem } from './ImportSourceItem';
import { ManageSection } from './ManageSection';

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
      title="Restore or import"
      intro="Nothing is added until you confirm: first you see every account found and what would happen to it."
    >
      <ImportDropZone onFiles={(files) => void state.addFiles(files)} disabled={committing} />
      {sources.length > 0 && (
        <ul class="sources" aria-label="Chosen files">
          {sources.map((source) => (
            <ImportSourceItem key={source.id} source={source} state={state} />
          ))}
        </ul>
      )}
      <ImportPreviewTable state={state} />
      {state.previewError.value && (
        <p class="field-error" role="alert">
          Could not compare with your accounts: {state.previewError.value}
        </p>
      )}
      {state.rows.value.length > 0 && (
        <p class="summary">
          {counts.new} new, {counts.exists} already in Tessera, {counts.conflict} conflict{counts.conflict === 1 ? '' : 's'},{' '}
          {counts.problem} with a problem (not imported).
        </p>
      )}
      <ImportConflictChoice state={state} />
      {sources.length > 0 && (
        <div class="actions">
          <button type="button" class="primary" disabled={count === 0 || committing || counts.checking > 0} onClick={() => void state.commit()}>
            {committing ? 'Importing…' : `Import ${count} account${count === 1 ? '' : 's'}`}
          </button>
          <button type="button" onClick={() => state.clearImport()} disabled={committing}>
            Clear
          </button>
        </div>
      )}
      {result.name === 'done' && (
        <p class="result success import-result" role="status" tabIndex={-1}>
          Imported {result.value.added + result.value.replaced} account{result.value.added + result.value.replaced === 1 ? '' : 's'}
          {result.value.replaced > 0 && ` (${result.value.replaced} replaced)`}
          {result.value.unchanged > 0 && `; ${result.value.unchanged} already there`}
          {result.value.skipped > 0 && `; ${result.value.skipped} conflict${result.value.skipped === 1 ? '' : 's'} skipped`}.
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
