import { type ReadonlySignal, useComputed } from '@preact/signals';
import type { DisplayedCode } from '@/lib/popup';
import { tPlural } from '@/lib/i18n';

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * The time left in the account's own period. The arc is drawn from the shared `now`
 * signal (one tick a second) with a one-second CSS transition, so it moves smoothly
 * without any per-frame script.
 */
export function CountdownRing({ shown }: { shown: ReadonlySignal<DisplayedCode | null> }) {
  const secondsLeft = useComputed(() => Math.ceil((shown.value?.msLeft ?? 0) / 1000));
  const offset = useComputed(() => {
    const value = shown.value;
    if (!value) return CIRCUMFERENCE;
    return CIRCUMFERENCE * (1 - value.msLeft / (value.period * 1000));
  });
  const warning = useComputed(() => (secondsLeft.value <= 5 ? 'ring warning' : 'ring'));
  return (
    <span class={warning} role="timer" aria-label={useComputed(() => tPlural('countdown_seconds_left', secondsLeft.value))}>
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle class="ring-track" cx="12" cy="12" r={RADIUS} />
        <circle
          class="ring-arc"
          cx="12"
          cy="12"
          r={RADIUS}
          stroke-dasharray={CIRCUMFERENCE}
          stroke-dashoffset={offset}
          transform="rotate(-90 12 12)"
        />
      </svg>
      <span class="ring-seconds" aria-hidden="true">
        {secondsLeft}
      </span>
    </span>
  );
}
