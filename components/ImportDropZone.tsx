import { useSignal } from '@preact/signals';
import type { PickedFile } from '@/lib/manage';
import { t } from '@/lib/i18n';

const ACCEPT = '.json,.2fas,.tessera,.txt,.csv,.png,.jpg,.jpeg,.webp,application/json,text/plain,text/csv,image/png,image/jpeg,image/webp';

/** A file picker that also takes drops; several files at once. */
export function ImportDropZone({ onFiles, disabled }: { onFiles: (files: PickedFile[]) => void; disabled: boolean }) {
  const over = useSignal(false);
  return (
    <div
      class="drop-zone"
      data-over={over}
      onDragOver={(e) => {
        e.preventDefault();
        over.value = true;
      }}
      onDragLeave={() => (over.value = false)}
      onDrop={(e) => {
        e.preventDefault();
        over.value = false;
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length > 0 && !disabled) onFiles(files);
      }}
    >
      <label class="file-button">
        <input
          type="file"
          multiple
          accept={ACCEPT}
          disabled={disabled}
          aria-describedby="import-formats"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
        <span>{t('import_choose_files')}</span>
      </label>
      <span class="drop-hint">{t('import_drop_hint')}</span>
      <p class="hint" id="import-formats">
        {t('import_formats')}
      </p>
    </div>
  );
}
