import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AccountMeta } from '@/lib/vault';
import { knownFaviconUrl } from '@/lib/popup';
import type { ServiceIconArt } from '@/lib/service-icons';

/** A stable hue per issuer so letter badges are told apart at a glance. */
function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}

function pageUrlOf(account: AccountMeta): string | null {
  const binding = account.sites[0];
  if (!binding) return null;
  return binding.match === 'origin' ? binding.origin : `https://${binding.site}`;
}

/**
 * The service's own icon (offline, from the curated set) when the issuer or bound site matches one;
 * else the site's icon from the browser's favicon cache; else a letter badge. The curated icon
 * comes first: it is the same crisp mark on every row and theme, and needs no cache lookup.
 * `faviconUrl`: the browser's cached icon for a page (the popup state's), or null.
 */
export function SiteIcon({
  account,
  faviconUrl,
  serviceIcon,
}: {
  account: AccountMeta;
  faviconUrl: (pageUrl: string) => string | null;
  serviceIcon: ServiceIconArt | null;
}) {
  const src = useSignal<string | null>(null);
  const name = account.issuer || account.account || '?';
  const pageUrl = serviceIcon ? null : pageUrlOf(account);
  useEffect(() => {
    if (!pageUrl) return;
    let current = true;
    void knownFaviconUrl(faviconUrl, pageUrl)
      .then((url) => {
        if (current) src.value = url;
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [pageUrl, src, faviconUrl]);
  if (serviceIcon) {
    return (
      // Decoration: the row's name already says which service it is.
      <svg
        class="site-icon service"
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
        data-service-icon={serviceIcon.slug}
        style={{ '--icon-light': serviceIcon.colours.light, '--icon-dark': serviceIcon.colours.dark }}
      >
        <path d={serviceIcon.path} />
      </svg>
    );
  }
  if (src.value) {
    return <img class="site-icon" src={src.value} width={28} height={28} alt="" onError={() => (src.value = null)} />;
  }
  return (
    // The letter is drawn by CSS: decoration, kept out of the row's text and accessible name.
    <span class="site-icon letter" style={{ '--hue': hueOf(name) }} data-letter={[...name.trim()][0]?.toUpperCase() ?? '?'} aria-hidden="true" />
  );
}
