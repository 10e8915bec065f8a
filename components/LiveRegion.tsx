import { useComputed } from '@preact/signals';
import type { PopupState } from '@/lib/popup';

/** Announces results (copied, deleted, errors) visibly and to screen readers. */
export function LiveRegion({ state }: { state: PopupState }) {
  const text = useComputed(() => state.announcement.value?.text ?? '');
  return (
    <div class="toast" role="status" aria-live="polite" data-empty={useComputed(() => String(!text.value))}>
      {text}
    </div>
  );
}
