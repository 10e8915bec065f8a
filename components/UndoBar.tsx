import { useEffect, useRef } from 'preact/hooks';
import { focusList, focusRow, type PopupState } from '@/lib/popup';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

export function UndoBar({ state }: { state: PopupState }) {
  const pending = state.pendingUndo.value;
  const bar = useRef<HTMLDivElement>(null);
  const neighbourId = pending?.neighbourId ?? null;
  // When the offer runs out while it has focus, focus goes to the row next to the deleted one
  // rather than falling to the document.
  useEffect(() => {
    const element = bar.current;
    return () => {
      if (!element?.contains(document.activeElement) && document.activeElement !== document.body) return;
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const main = document.querySelector('main') ?? document.body;
        if (!(neighbourId && focusRow(main, neighbourId))) focusList(main);
      }, 0);
    };
  }, [pending, neighbourId]);
  if (!pending) return null;
  return (
    <div class="undo-bar" role="status" ref={bar}>
      <span>
        <Slotted text={t('undo_deleted', SLOT)} parts={[<bdi>{pending.label}</bdi>]} />
      </span>
      <button
        type="button"
        id="undo-delete"
        onClick={() =>
          void state.undoDelete().then((restoredId) => {
            const main = document.querySelector('main') ?? document.body;
            if (!(restoredId && focusRow(main, restoredId))) focusList(main);
          })
        }
      >
        {t('undo_button')}
      </button>
    </div>
  );
}
