import { useSignal } from '@preact/signals';
import type { AccountMeta } from '@/lib/vault';

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

/** The site's icon from the browser's own favicon cache, or a letter badge. */
/** `faviconUrl`: the browser's cached icon for a page (the popup state's), or null. */
export function SiteIcon({ account, faviconUrl }: { account: AccountMeta; faviconUrl: (pageUrl: string) => string | null }) {
  const failed = useSignal(false);
  const name = account.issuer || account.account || '?';
  const pageUrl = pageUrlOf(account);
  const src = pageUrl ? faviconUrl(pageUrl) : null;
  if (src && !failed.value) {
    return <img class="site-icon" src={src} width={28} height={28} alt="" onError={() => (failed.value = true)} />;
  }
  return (
    <span class="site-icon letter" style={{ '--hue': hueOf(name) }} aria-hidden="true">
      {[...name.trim()][0]?.toUpperCase() ?? '?'}
    </span>
  );
}
