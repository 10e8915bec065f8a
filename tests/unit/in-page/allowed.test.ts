import { describe, expect, it } from 'vitest';
import { inPageButtonAllowed } from '@/lib/in-page/allowed';
import { DEFAULT_SETTINGS, normalizeSettings } from '@/lib/settings';

describe('inPageButtonAllowed', () => {
  it('allows the button only with the setting on and the host permission granted', () => {
    expect(inPageButtonAllowed({ setting: true, hostPermission: true })).toBe(true);
    expect(inPageButtonAllowed({ setting: false, hostPermission: true })).toBe(false);
    expect(inPageButtonAllowed({ setting: true, hostPermission: false })).toBe(false);
  });

  it('lets a managed policy forbid it over the setting', () => {
    expect(inPageButtonAllowed({ setting: true, hostPermission: true, policyDisabled: true })).toBe(false);
    expect(inPageButtonAllowed({ setting: true, hostPermission: true, policyDisabled: false })).toBe(true);
  });
});

describe('the inPageButton setting', () => {
  it('is off by default and on only for a stored true', () => {
    expect(DEFAULT_SETTINGS.inPageButton).toBe(false);
    expect(normalizeSettings({}).inPageButton).toBe(false);
    expect(normalizeSettings({ inPageButton: 'yes' }).inPageButton).toBe(false);
    expect(normalizeSettings({ inPageButton: true }).inPageButton).toBe(true);
  });
});
