import type { TwoStepParams } from '@/lib/otp';
import { t } from '@/lib/i18n';

/** Says what confirming a privacyIDEA two-step code does, before the user confirms it. */
export function CaptureTwoStepNote({ twoStep }: { twoStep: TwoStepParams }) {
  return (
    <p class="capture-note two-step-note" data-two-step>
      <strong>{t('add_two_step_title')}</strong> {t('capture_two_step_text', twoStep.saltBytes)}
    </p>
  );
}
