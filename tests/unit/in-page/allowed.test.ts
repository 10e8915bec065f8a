import { describe, expect, it } from 'vitest';
import { inPageButtonAllowed } from '@/lib/in-page/allowed';

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
