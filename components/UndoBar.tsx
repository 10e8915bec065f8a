import type { PopupState } from '@/lib/popup';

export function UndoBar({ state }: { state: PopupState }) {
  const pending = state.pendingUndo.value;
  if (!pending) return null;
  return (
    <div class="undo-bar" role="status">
      <span>Deleted {pending.label}.</span>
      <button type="button" onClick={() => void state.undoDelete()}>
        Undo
      </button>
    </div>
  );
}
