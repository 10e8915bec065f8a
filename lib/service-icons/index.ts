/**
 * The public face of `lib/service-icons/`: offline service icons (simple-icons, CC0) matched to
 * accounts. The popup imports this folder with a dynamic `import()` once its first rows are drawn,
 * so none of it (the icon data least of all) weighs on the first paint.
 */
import type { SiteBinding } from '../vault';
import { serviceIconColours } from './contrast';
import { createServiceIconIndex, findServiceIcon } from './match';

export { contrastRatio, serviceIconColours, ROW_BACKGROUNDS, NEUTRAL_ICON_COLOURS } from './contrast';
export { createServiceIconIndex, findServiceIcon, serviceNameKey } from './match';

/** What a row draws: the path (24×24 view box) in a colour per theme that stands out from the row. */
export type ServiceIconArt = { slug: string; title: string; path: string; colours: { light: string; dark: string } };

export type ServiceIconLookup = (account: { issuer: string; sites: readonly SiteBinding[] }) => ServiceIconArt | null;

export async function loadServiceIconLookup(): Promise<ServiceIconLookup> {
  const { SERVICE_ICONS } = await import('./icons.generated');
  const index = createServiceIconIndex(SERVICE_ICONS);
  return (account) => {
    const icon = findServiceIcon(index, account);
    return icon && { slug: icon.slug, title: icon.title, path: icon.path, colours: serviceIconColours(icon.hex) };
  };
}
