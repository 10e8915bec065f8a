import { accountLabel } from '@/lib/accounts';
import type { PopupState } from '@/lib/popup';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

/**
 * The `enrollment` view: the phone part of a two-step enrollment, to type (or fill) into the
 * enrollment page, kept until the user presses Done.
 */
export function EnrollmentStep({ state, id }: { state: PopupState; id: string }) {
  const enrollment = state.enrollment;
  const account = state.findAccount(id);
  const label = account ? accountLabel(account) : t('enrollment_this_account');
  const step = enrollment.step.value;
  const error = enrollment.error.value;
  const busy = enrollment.busy.value;
  return (
    <section class="panel enrollment" aria-labelledby="enrollment-title" data-enrollment>
      <h2 id="enrollment-title">
        <Slotted text={t('enrollment_title', SLOT)} parts={[<bdi>{label}</bdi>]} />
      </h2>
      <p class="enrollment-intro">
        <Slotted text={t('enrollment_intro', SLOT)} parts={[<strong>{t('enrollment_phone_part')}</strong>]} />
      </p>
      {step ? (
        <p class="phone-part" data-phone-part aria-label={t('enrollment_phone_part_label')} translate={false} dir="ltr">
          {step.grouped}
        </p>
      ) : (
        !error && (
          <p class="loading" aria-busy="true">
            {t('enrollment_reading')}
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
              {t('enrollment_fill')}
            </button>
          )}
          <button type="button" class={step.fillHost ? '' : 'primary'} onClick={() => void enrollment.copy()}>
            {t('common_copy')}
          </button>
        </div>
      )}
      {step && !step.fillHost && <p class="hint">{t('enrollment_pasted_hint')}</p>}
      <div class="enrollment-done">
        <p class="hint">{t('enrollment_done_hint')}</p>
        <div class="actions">
          <button type="button" class={enrollment.handedOver.value ? 'primary' : ''} disabled={busy} onClick={() => void enrollment.done()}>
            {t('common_done')}
          </button>
          <button type="button" class="quiet" onClick={() => enrollment.close()}>
            {t('enrollment_later')}
          </button>
        </div>
      </div>
    </section>
  );
}
