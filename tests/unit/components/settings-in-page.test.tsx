// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

// The browser's answer to the permission prompt, behind the popup state's actions.
const permission = { request: vi.fn(), remove: vi.fn() };

const { SettingsView } = await import('@/components/SettingsView');
const { NO_POLICY } = await import('@/lib/policy');
type ManagedPolicy = import('@/lib/policy').ManagedPolicy;

function setUp(initial: Partial<Settings> = {}, policy: ManagedPolicy = NO_POLICY) {
  const settings = signal<Settings>({ ...DEFAULT_SETTINGS, ...initial });
  const changeSettings = vi.fn(async (patch: Partial<Settings>) => {
    settings.value = { ...settings.value, ...patch };
  });
  const state = {
    settings,
    changeSettings,
    view: signal({ name: 'settings' }),
    policy: signal(policy),
    vaultMode: signal('device'),
    requestInPageButtonPermission: () => permission.request().catch(() => false),
    removeInPageButtonPermission: () => permission.remove(),
    requestClipboardRead: vi.fn(),
    openManagePage: vi.fn(),
  };
  render(<SettingsView state={state as never} />);
  return { settings, changeSettings, box: screen.getByLabelText(/Show a fill button in 2FA fields/) as HTMLInputElement };
}

beforeEach(() => {
  permission.request.mockReset();
  permission.remove.mockReset();
  document.body.innerHTML = '';
});

describe('SettingsView: in-page fill button', () => {
  it('is off by default', () => {
    expect(setUp().box.checked).toBe(false);
  });

  it('turns on only once the browser grants the host permission', async () => {
    permission.request.mockResolvedValue(true);
    const { box, settings } = setUp();
    fireEvent.click(box);
    expect(permission.request).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(settings.value.inPageButton).toBe(true));
    expect(box.checked).toBe(true);
  });

  it('stays off and says so when the browser refuses', async () => {
    permission.request.mockResolvedValue(false);
    const { box, settings } = setUp();
    fireEvent.click(box);
    await screen.findByText(/did not give Tessera access to sites/);
    expect(box.checked).toBe(false);
    expect(settings.value.inPageButton).toBe(false);
  });

  it('turning it off gives the permission back', async () => {
    const { box, settings } = setUp({ inPageButton: true });
    fireEvent.click(box);
    await waitFor(() => expect(permission.remove).toHaveBeenCalledTimes(1));
    expect(settings.value.inPageButton).toBe(false);
  });

  it('is off and cannot be turned on while the organisation turns it (or autofill) off', () => {
    for (const policy of [{ disableInPageButton: true }, { disableAutofill: true }]) {
      document.body.innerHTML = '';
      const { box } = setUp({ inPageButton: true }, policy);
      expect(box.checked).toBe(false);
      expect(box.disabled).toBe(true);
      expect(screen.getByText('Turned off by your organisation.')).toBeTruthy();
    }
  });
});
