import type { FoundOn } from '@/lib/capture';

/**
 * Where the code was found, as the browser reports the tab: the registrable domain, and the
 * full host when it differs. IDN hosts stay in their xn-- form so a lookalike cannot pass.
 */
export function CaptureFoundOn({ foundOn }: { foundOn: FoundOn }) {
  return (
    <p class="capture-found-on">
      Found on <strong class="mono">{foundOn.registrableDomain}</strong>
      {foundOn.host !== foundOn.registrableDomain && <span class="muted"> ({foundOn.displayHost})</span>}
      {foundOn.punycode && <span class="capture-idn"> · internationalised name shown as punycode</span>}
    </p>
  );
}
