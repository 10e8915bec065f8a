import type { TwoStepParams } from '@/lib/otp';

/** Says what confirming a privacyIDEA two-step code does, before the user confirms it. */
export function CaptureTwoStepNote({ twoStep }: { twoStep: TwoStepParams }) {
  return (
    <p class="capture-note two-step-note" data-two-step>
      <strong>Two-step enrollment.</strong> This code holds only the server's half of the secret. Tessera adds a random{' '}
      {twoStep.saltBytes}-byte half of its own; next, you enter that half (the phone part) on this page.
    </p>
  );
}
