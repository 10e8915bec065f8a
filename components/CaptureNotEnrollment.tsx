import type { CaptureItemView } from '@/lib/capture';
import type { PopupState } from '@/lib/popup';
import { t } from '@/lib/i18n';
import { errorText } from '@/lib/error-text';

/** Why the code was refused: the catalogue's words for the OTP core's code, or for what the code holds. */
function reasonText(item: NotEnrollment): string {
  if (item.code === 'empty') return t('capture_reason_empty');
  if (item.code === 'url') return t('capture_reason_url');
  if (item.code === 'text') return t('capture_reason_text');
  return errorText(item.code, item.params);
}

type NotEnrollment = Extract<CaptureItemView, { type: 'not-enrollment' }>;

/** A QR code that is not a setup code: why (the OTP core's reason), and that nothing was added. */
export function CaptureNotEnrollment({ state, item }: { state: PopupState; item: NotEnrollment }) {
  const headingId = `capture-${item.id}`;
  return (
    <section class="panel capture-item" aria-labelledby={headingId} data-capture-item="not-enrollment" data-reason={item.code}>
      {/* A hostile or broken two-step code is a setup code, refused: say so rather than "not one". */}
      <h2 id={headingId}>{item.code === 'bad-two-step' ? t('capture_two_step_refused') : t('capture_not_enrollment')}</h2>
      <p class="capture-reason">{reasonText(item)}</p>
      <p class="hint">{t('capture_nothing_added')}</p>
      <div class="actions">
        <button type="button" class="quiet" onClick={() => void state.capture.skip(item.id)}>
          {t('capture_dismiss')}
        </button>
      </div>
    </section>
  );
}
