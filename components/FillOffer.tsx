import type { PopupState } from '@/lib/popup';

/** Shown once, right after an account was added from this page's QR code. */
export function FillOffer({ state }: { state: PopupState }) {
  const offer = state.fillOffer.value;
  if (!offer) return null;
  return (
    <div class="fill-offer" role="region" aria-label="Fill the first code">
      <p>
        <bdi>{offer.label}</bdi> was added. The page probably asks for its first code: fill it in?
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void state.acceptFillOffer()}>
          Fill the code
        </button>
        <button type="button" class="quiet" onClick={() => state.dismissFillOffer()}>
          Not now
        </button>
      </div>
    </div>
  );
}
