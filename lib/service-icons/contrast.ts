/**
 * Owns the colours a service icon is drawn in: its brand colour where that stands out from the
 * row (WCAG 1.4.11: 3:1 for graphics), else a neutral one, for the light and the dark theme.
 */

/** The popup row's backgrounds (entrypoints/popup/style.css: --surface and --surface-hover), per theme. */
export const ROW_BACKGROUNDS = {
  light: ['#ffffff', '#f0f3f7'],
  dark: ['#1a212b', '#222b37'],
} as const;

/** The theme's text colour (--text): what an icon falls back to. */
export const NEUTRAL_ICON_COLOURS = { light: '#16202c', dark: '#e6ebf1' } as const;

/** WCAG 2 non-text contrast minimum. */
export const MIN_ICON_CONTRAST = 3;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const digits = hex.replace(/^#/, '');
  if (!/^[0-9a-f]{6}$/i.test(digits)) throw new RangeError('colour must be #rrggbb');
  const [r, g, b] = [0, 2, 4].map((at) => channel(parseInt(digits.slice(at, at + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour per theme: the brand's when it reaches 3:1 on every row background, else the neutral one. */
export function serviceIconColours(brandHex: string): { light: string; dark: string } {
  const brand = `#${brandHex.replace(/^#/, '').toLowerCase()}`;
  const pick = (theme: 'light' | 'dark') =>
    ROW_BACKGROUNDS[theme].every((background) => contrastRatio(brand, background) >= MIN_ICON_CONTRAST) ? brand : NEUTRAL_ICON_COLOURS[theme];
  return { light: pick('light'), dark: pick('dark') };
}
