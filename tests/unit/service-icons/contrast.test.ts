import { describe, expect, it } from 'vitest';
import { NEUTRAL_ICON_COLOURS, ROW_BACKGROUNDS, contrastRatio, serviceIconColours } from '@/lib/service-icons';
import { SERVICE_ICONS } from '@/lib/service-icons/icons.generated';

describe('contrastRatio', () => {
  it('gives the WCAG ratios of known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WebAIM's checker: #767676 on white is 4.54:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('refuses what is not #rrggbb', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(RangeError);
  });
});

describe('serviceIconColours', () => {
  it('keeps a brand colour that stands out in both themes', () => {
    // Reddit's orange-red: 3.4:1 on white, 4.6:1 on the dark row.
    expect(serviceIconColours('FF4500')).toEqual({ light: '#ff4500', dark: '#ff4500' });
  });

  it('swaps a near-black brand for the light text colour in the dark theme (GitHub)', () => {
    expect(serviceIconColours('181717')).toEqual({ light: '#181717', dark: NEUTRAL_ICON_COLOURS.dark });
  });

  it('swaps a pale brand for the dark text colour in the light theme (Snapchat yellow)', () => {
    expect(serviceIconColours('FFFC00')).toEqual({ light: NEUTRAL_ICON_COLOURS.light, dark: '#fffc00' });
  });

  it('draws every curated icon at 3:1 or more on every row background, in both themes', () => {
    for (const [slug, , hex] of SERVICE_ICONS) {
      const colours = serviceIconColours(hex);
      for (const theme of ['light', 'dark'] as const) {
        for (const background of ROW_BACKGROUNDS[theme]) {
          expect(contrastRatio(colours[theme], background), `${slug} ${theme} on ${background}`).toBeGreaterThanOrEqual(3);
        }
      }
    }
  });
});
