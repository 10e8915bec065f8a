import type { PopupState } from '@/lib/popup';
import { CaptureAccountItem } from './CaptureAccountItem';
import { CaptureBatchItem } from './CaptureBatchItem';
import { CaptureNotEnrollment } from './CaptureNotEnrollment';

/** The way out of a scan that found nothing usable: scan again, or back to the list. */
function scanAgainOrBack(capture: PopupState['capture'], label: string) {
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={() => void capture.scan()}>
        {label}
      </button>
      <button type="button" class="quiet" onClick={() => capture.close()}>
        Back
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
        Looking for a QR code on this page…
      </p>
    );
  }
  const error = capture.error.value;
  const review = capture.review.value;
  if (error && !review) {
    return (
      <div class="panel capture-empty" role="alert">
        <h2>Could not scan this page</h2>
        <p>{error}</p>
        {scanAgainOrBack(capture, 'Try again')}
      </div>
    );
  }
  if (!review) return null;
  if (review.items.length === 0) {
    return (
      <div class="panel capture-empty" data-capture-empty>
        <h2>No QR code found</h2>
        <p>Tessera looked at the images, drawings and frames you can see on {review.foundOn?.registrableDomain ?? 'this page'}.</p>
        {review.scan.screenshot === 'unavailable' && (
          <p class="capture-note warning">
            Part of the page can only be read from a screenshot of the tab, which was not possible. Keep the page in front
            and scan again.
          </p>
        )}
        <ul class="capture-tips">
          <li>Scroll until the whole QR code is on screen, then scan again.</li>
          <li>If the site hides the code behind a button ("Show QR code", "Set up authenticator app"), press it first.</li>
          <li>Most sites also offer the setup key as text ("Can't scan?"): add it with the + button.</li>
        </ul>
        {scanAgainOrBack(capture, 'Scan again')}
      </div>
    );
  }
  const n = review.items.length;
  return (
    <div class="capture-review">
      <div class="capture-summary">
        <p role="status">
          {n === 1 ? 'One QR code found.' : `${n} QR codes found.`} Nothing is added until you confirm.
        </p>
        {/* The next part of an export, or a code that appeared since: scanned into this review. */}
        <button type="button" class="link-button" onClick={() => void capture.scan()}>
          Scan this page again
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
