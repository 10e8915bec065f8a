import type { PopupState } from '@/lib/popup';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

/** Shown once, right after an account was added from this page's QR code. */
export function FillOffer({ state }: { state: PopupState }) {
  const offer = state.fillOffer.value;
  if (!offer) return null;
  return (
    <div class="fill-offer" role="region" aria-label={t('fill_offer_label')}>
      <p>
        <Slotted text={t('fill_offer_text', SLOT)} parts={[<bdi>{offer.label}</bdi>]} />
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void state.acceptFillOffer()}>
          {t('fill_offer_accept')}
        </button>
        <button type="button" class="quiet" onClick={() => state.dismissFillOffer()}>
          {t('fill_offer_dismiss')}
        </button>
      </div>
    </div>
  );
}
