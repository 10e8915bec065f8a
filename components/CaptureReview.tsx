import type { PopupState } from '@/lib/popup';
import { CaptureAccountItem } from './CaptureAccountItem';
import { CaptureBatchItem } from './CaptureBatchItem';
import { CaptureNotEnrollment } from './CaptureNotEnrollment';
import { t, tPlural } from '@/lib/i18n';

/** The way out of a scan that found nothing usable: scan again, or back to the list. */
function scanAgainOrBack(capture: PopupState['capture'], label: string) {
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={() => void capture.scan()}>
        {label}
      </button>
      <button type="button" class="quiet" onClick={() => capture.close()}>
        {t('capture_back')}
      </button>
    </div>
  );
}

/** The `capture` view: scanning, nothing found, or each finding to confirm. */
export function CaptureReview({ state }: { state: PopupState }) {
  const capture = state.capture;
  if (capture.scanning.value) {
    return (
      <p class="loading" aria-busy="true">
        {t('capture_scanning')}
      </p>
    );
  }
  const error = capture.error.value;
  const review = capture.review.value;
  if (error && !review) {
    return (
      <div class="panel capture-empty" role="alert">
        <h2>{t('capture_failed_title')}</h2>
        <p>{error}</p>
        {scanAgainOrBack(capture, t('capture_try_again'))}
      </div>
    );
  }
  if (!review) return null;
  if (review.items.length === 0) {
    return (
      <div class="panel capture-empty" data-capture-empty>
        <h2>{t('capture_none_title')}</h2>
        <p>{t('capture_none_text', review.foundOn?.registrableDomain ?? t('capture_this_page'))}</p>
        {review.scan.screenshot === 'unavailable' && (
          <p class="capture-note warning">
            {t('capture_screenshot_unavailable')}
          </p>
        )}
        <ul class="capture-tips">
          <li>{t('capture_tip_scroll')}</li>
          <li>{t('capture_tip_hidden')}</li>
          <li>{t('capture_tip_text_key')}</li>
        </ul>
        {scanAgainOrBack(capture, t('capture_scan_again'))}
      </div>
    );
  }
  const n = review.items.length;
  return (
    <div class="capture-review">
      <div class="capture-summary">
        <p role="status">
          {tPlural('capture_found', n)}
        </p>
        {/* The next part of an export, or a code that appeared since: scanned into this review. */}
        <button type="button" class="link-button" onClick={() => void capture.scan()}>
          {t('capture_scan_page_again')}
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {review.items.map((item) =>
        item.type === 'account' ? (
          <CaptureAccountItem key={item.id} state={state} item={item} />
        ) : item.type === 'migration' ? (
          <CaptureBatchItem key={item.id} state={state} item={item} />
        ) : (
          <CaptureNotEnrollment key={item.id} state={state} item={item} />
        ),
      )}
    </div>
  );
}
