// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BUTTON_GAP_PX, BUTTON_MAX_PX, BUTTON_MIN_PX, createButtonUi, placeButton, randomTagName } from '@/lib/in-page/button';

const view = { width: 1280, height: 800 };

describe('randomTagName', () => {
  it('makes a valid custom-element name from the bytes, different for different bytes', () => {
    const a = randomTagName(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(a).toBe('abcde-fghijk');
    const b = randomTagName(new Uint8Array([25, 26, 27, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(b).toBe('zabde-fghijk');
    expect(a).toMatch(/^[a-z]{5}-[a-z]{6}$/);
  });

  it('refuses too few random bytes', () => {
    expect(() => randomTagName(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('placeButton', () => {
  it('puts the button inside the right end of a wide field, centred on its height', () => {
    expect(placeButton([{ left: 100, top: 200, width: 200, height: 36 }], view)).toEqual({
      left: 300 - BUTTON_MAX_PX - 4,
      top: 200 + (36 - BUTTON_MAX_PX) / 2,
      size: BUTTON_MAX_PX,
    });
  });

  it('puts the button just right of a narrow field', () => {
    expect(placeButton([{ left: 100, top: 200, width: 90, height: 36 }], view)).toEqual({
      left: 190 + BUTTON_GAP_PX,
      top: 200 + (36 - BUTTON_MAX_PX) / 2,
      size: BUTTON_MAX_PX,
    });
  });

  it('goes after the last of a row of boxes, whatever their order', () => {
    const row = [3, 0, 1, 2].map((i) => ({ left: 100 + i * 50, top: 100, width: 40, height: 40 }));
    expect(placeButton(row, view)).toMatchObject({ left: 100 + 3 * 50 + 40 + BUTTON_GAP_PX });
  });

  it('keeps a usable size for small fields', () => {
    expect(placeButton([{ left: 10, top: 10, width: 100, height: 18 }], view)?.size).toBe(BUTTON_MIN_PX);
  });

  it('moves inside the field when the viewport has no room on the right', () => {
    const row = [0, 1, 2, 3].map((i) => ({ left: 1078 + i * 50, top: 100, width: 40, height: 40 }));
    const p = placeButton(row, view)!;
    expect(p.left + p.size).toBeLessThanOrEqual(1278);
    expect(p.left).toBeGreaterThan(1228);
  });

  it('hides (null) when the field is not wholly in the viewport', () => {
    expect(placeButton([{ left: 100, top: -10, width: 200, height: 36 }], view)).toBeNull();
    expect(placeButton([{ left: 100, top: 790, width: 200, height: 36 }], view)).toBeNull();
    expect(placeButton([{ left: 100, top: 100, width: 0, height: 0 }], view)).toBeNull();
    expect(placeButton([], view)).toBeNull();
  });
});

describe('createButtonUi', () => {
  it('builds a host with a random tag, a closed root and nothing selectable', () => {
    let n = 0;
    const ui = createButtonUi(document, (bytes) => bytes.map(() => n++));
    expect(ui.host.localName).toBe('abcde-fghijk');
    expect(ui.host.shadowRoot).toBeNull();
    expect(ui.host.getAttributeNames()).toEqual(['popover']);
    expect(ui.host.textContent).toBe('');
    expect(ui.host.children.length).toBe(0);
    expect(ui.root.contains(ui.button)).toBe(true);
  });
});
