import type { FoundOn } from '@/lib/capture';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

/**
 * Where the code was found, as the browser reports the tab: the registrable domain, and the
 * full host when it differs. IDN hosts stay in their xn-- form so a lookalike cannot pass.
 */
export function CaptureFoundOn({ foundOn }: { foundOn: FoundOn }) {
  return (
    <p class="capture-found-on">
      <Slotted text={t('capture_found_on', SLOT)} parts={[<strong class="mono" dir="ltr">{foundOn.registrableDomain}</strong>]} />
      {foundOn.host !== foundOn.registrableDomain && (
        <span class="muted">
          {' ('}
          <bdi dir="ltr">{foundOn.displayHost}</bdi>)
        </span>
      )}
      {foundOn.punycode && <span class="capture-idn"> {t('capture_punycode')}</span>}
    </p>
  );
}
