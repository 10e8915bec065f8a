/** Owns the shape of the generated icon data (see scripts/build-service-icons.ts). */

/** slug, title, brand colour (hex, no #), SVG path (24×24 view box), domains, other names. */
export type ServiceIconData = readonly [
  slug: string,
  title: string,
  hex: string,
  path: string,
  domains: readonly string[],
  aliases: readonly string[],
];
