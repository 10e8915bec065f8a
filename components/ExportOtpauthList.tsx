import type { ManageState } from '@/lib/manage';
import { ExportSkippedList } from './ExportSkippedList';

/** Every account as an otpauth:// link, one per line: for other apps that import such lists. */
export function ExportOtpauthList({ state }: { state: ManageState }) {
  const task = state.otpauthList.value;
  return (
    <div class="export-part">
      <h3>otpauth:// link list</h3>
      {task.name !== 'done' ? (
        <button type="button" onClick={() => void state.showOtpauthList()} disabled={task.name === 'working'}>
          Show the link list
        </button>
      ) : (
        <>
          <label class="field">
            <span>
              {task.value.exported} link{task.value.exported === 1 ? '' : 's'}
            </span>
            <textarea class="export-text" readOnly rows={Math.min(10, Math.max(3, task.value.exported))} value={task.value.text} spellcheck={false} />
          </label>
          <div class="actions">
            <button type="button" onClick={() => void state.copyOtpauthList()}>
              Copy
            </button>
            <button type="button" onClick={() => state.saveOtpauthList()}>
              Download .txt
            </button>
          </div>
          <ExportSkippedList skipped={task.value.skipped} what="the list" />
        </>
      )}
      {task.name === 'failed' && <p class="field-error" role="alert">{task.message}</p>}
    </div>
  );
}
