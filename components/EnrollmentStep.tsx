import { accountLabel } from '@/lib/accounts';
import type { PopupState } from '@/lib/popup';

/**
 * The `enrollment` view: the phone part of a two-step enrollment, to type (or fill) into the
 * enrollment page, kept until the user presses Done.
 */
export function EnrollmentStep({ state, id }: { state: PopupState; id: string }) {
  const enrollment = state.enrollment;
  const account = state.findAccount(id);
  const label = account ? accountLabel(account) : 'this account';
  const step = enrollment.step.value;
  const error = enrollment.error.value;
  const busy = enrollment.busy.value;
  return (
    <section class="panel enrollment" aria-labelledby="enrollment-title" data-enrollment>
      <h2 id="enrollment-title">Finish enrolling <bdi>{label}</bdi></h2>
      <p class="enrollment-intro">
        The enrollment page now asks for this device's half of the secret, the <strong>phone part</strong> (privacyIDEA
        may call it the client part). Enter it there and submit.
      </p>
      {step ? (
        <p class="phone-part" data-phone-part aria-label="Phone part" translate={false}>
          {step.grouped}
        </p>
      ) : (
        !error && (
          <p class="loading" aria-busy="true">
            Reading the phone part…
          </p>
        )
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {step && (
        <div class="actions">
          {step.fillHost && (
            <button type="button" class="primary" disabled={busy} onClick={() => void enrollment.fill()}>
              Fill into this page
            </button>
          )}
          <button type="button" class={step.fillHost ? '' : 'primary'} onClick={() => void enrollment.copy()}>
            Copy
          </button>
        </div>
      )}
      {step && !step.fillHost && <p class="hint">This code was pasted, not scanned from a page, so Tessera fills it nowhere: copy it.</p>}
      <div class="enrollment-done">
        <p class="hint">
          Tessera keeps the phone part, encrypted, until you press Done, so you can come back to it from the account's row.
          Done deletes it; the account keeps working.
        </p>
        <div class="actions">
          <button type="button" class={enrollment.handedOver.value ? 'primary' : ''} disabled={busy} onClick={() => void enrollment.done()}>
            Done
          </button>
          <button type="button" class="quiet" onClick={() => enrollment.close()}>
            Later
          </button>
        </div>
      </div>
    </section>
  );
}
