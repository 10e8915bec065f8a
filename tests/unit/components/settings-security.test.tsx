// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { fireEvent, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const manage = vi.hoisted(() => ({ open: vi.fn(async () => undefined) }));

const { SettingsView } = await import('@/components/SettingsView');
const { NO_POLICY } = await import('@/lib/policy');

function setUp(mode: 'device' | 'passphrase') {
  const lock = vi.fn(async () => undefined);
  const state = {
    settings: signal({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 }),
    changeSettings: vi.fn(),
    view: signal({ name: 'settings' }),
    policy: signal(NO_POLICY),
    vaultMode: signal(mode),
    lock,
    openManagePage: manage.open,
    requestInPageButtonPermission: vi.fn(),
    removeInPageButtonPermission: vi.fn(),
    requestClipboardRead: vi.fn(),
  };
  render(<SettingsView state={state as never} />);
  return { lock };
}

beforeEach(() => {
  manage.open.mockClear();
  document.body.innerHTML = '';
  vi.stubGlobal('close', vi.fn());
});

describe('SettingsView: Security', () => {
  it('without a passphrase says what that means and opens the passphrase section', async () => {
    setUp('device');
    expect(screen.getByRole('heading', { name: 'Security' })).toBeTruthy();
    expect(screen.getByText(/No passphrase yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lock now' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Set a passphrase…' }));
    expect(manage.open).toHaveBeenCalledWith('lock');
  });

  it('with a passphrase shows the auto-lock delay, Lock now, and the way to change them', () => {
    const { lock } = setUp('passphrase');
    expect(screen.getByText(/locks after 5 minutes without use/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lock now' }));
    expect(lock).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Change the passphrase or auto-lock…' }));
    expect(manage.open).toHaveBeenCalledWith('lock');
  });

  it('opens each backup and transfer section by name', () => {
    setUp('device');
    fireEvent.click(screen.getByRole('button', { name: 'Make an encrypted backup…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore a backup or import from another app…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export to another app…' }));
    expect(manage.open.mock.calls.map((call: unknown[]) => call[0])).toEqual(['backup', 'import', 'export']);
  });
});
