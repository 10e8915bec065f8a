import type { CaptureItemView } from '@/lib/capture';
import type { PopupState } from '@/lib/popup';

type NotEnrollment = Extract<CaptureItemView, { type: 'not-enrollment' }>;

/** A QR code that is not a setup code: why (the OTP core's reason), and that nothing was added. */
export function CaptureNotEnrollment({ state, item }: { state: PopupState; item: NotEnrollment }) {
  const headingId = `capture-${item.id}`;
  return (
    <section class="panel capture-item" aria-labelledby={headingId} data-capture-item="not-enrollment" data-reason={item.code}>
      {/* A hostile or broken two-step code is a setup code, refused: say so rather than "not one". */}
      <h2 id={headingId}>{item.code === 'bad-two-step' ? 'Two-step enrollment refused' : 'Not an authenticator setup code'}</h2>
      <p class="capture-reason">{item.reason}</p>
      <p class="hint">Nothing was added.</p>
      <div class="actions">
        <button type="button" class="quiet" onClick={() => void state.capture.skip(item.id)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
