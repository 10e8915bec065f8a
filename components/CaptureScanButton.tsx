import type { PopupState } from '@/lib/popup';
import { t } from '@/lib/i18n';

/** Header button: looks for an enrollment QR code on the page the popup was opened on. */
export function CaptureScanButton({ state }: { state: PopupState }) {
  if (!state.capture.available) return null;
  return (
    <button
      type="button"
      id="scan-page"
      class="icon-button scan-button"
      aria-label={t('scan_button_label')}
      title={t('scan_button_label')}
      disabled={state.capture.scanning.value}
      onClick={() => void state.capture.scan()}
    >
      {/* A QR-like mark inside scan corners; drawn here so the icon set stays the lead's. */}
      <svg class="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
        <path d="M3 8V5a2 2 0 0 1 2-2h3M16 3h3a2 2 0 0 1 2 2v3M21 16v3a2 2 0 0 1-2 2h-3M8 21H5a2 2 0 0 1-2-2v-3" />
        <path d="M8 8h3v3H8zM13 13h3v3h-3zM13 8h3M8 16h3" />
      </svg>
      {/* A word beside the mark: an unlabelled icon is found by nobody new to Tessera. */}
      <span class="scan-label">{t('scan_button_text')}</span>
    </button>
  );
}
