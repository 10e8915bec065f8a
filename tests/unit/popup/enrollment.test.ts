import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { createEnrollmentState, type EnrollmentClient } from '@/lib/popup/enrollment';
import type { View } from '@/lib/popup/state';
import type { AccountMeta } from '@/lib/vault/types';

function setUp(origin: string | null = 'https://pi.example.com') {
  // A fake worker with positional arguments, and the client the state speaks to it through.
  const api = {
    getEnrollmentStep: vi.fn(async (_id: string) => ({ phonePart: 'NXEG6EIAAEBAGBAFAY', origin })),
    fillEnrollmentPart: vi.fn(async (_id: string) => ({ fields: 1 })),
    finishEnrollment: vi.fn(async (_id: string) => ({ id: 'a1' }) as AccountMeta),
  };
  const view = signal<View>({ name: 'list' });
  const host = {
    view,
    announce: vi.fn(),
    reloadAccounts: vi.fn(async () => undefined),
    writeClipboard: vi.fn(async () => undefined),
    scheduleClipboardClear: vi.fn(async () => ({ clearAt: null })),
    label: () => 'privacyIDEA (T1)',
  };
  const client: EnrollmentClient = {
    getEnrollmentStep: ({ id }) => api.getEnrollmentStep(id),
    fillEnrollmentPart: ({ id }) => api.fillEnrollmentPart(id),
    finishEnrollment: ({ id }) => api.finishEnrollment(id),
  };
  return { api, view, host, state: createEnrollmentState(client, host) };
}

describe('createEnrollmentState', () => {
  it('opens the enrollment view with the phone part grouped in fours and the host it fills', async () => {
    const { state, view } = setUp();
    await state.open('a1');
    expect(view.value).toEqual({ name: 'enrollment', id: 'a1' });
    expect(state.step.value).toEqual({ id: 'a1', grouped: 'NXEG 6EIA AEBA GBAF AY', fillHost: 'pi.example.com' });
  });

  it('copies the phone part as shown and schedules the clipboard clear', async () => {
    const { state, host } = setUp();
    await state.open('a1');
    await state.copy();
    expect(host.writeClipboard).toHaveBeenCalledWith('NXEG 6EIA AEBA GBAF AY');
    expect(host.scheduleClipboardClear).toHaveBeenCalledWith('NXEG 6EIA AEBA GBAF AY');
    expect(state.handedOver.value).toBe(true);
  });

  it('shows a fill refusal in place, without the phone part', async () => {
    const { state, api } = setUp();
    vi.mocked(api.fillEnrollmentPart).mockRejectedValueOnce({
      code: 'not-bound',
      message: 'Tessera fills the phone part only into the page its QR code came from (login.example.test). Copy it instead.',
      params: ['login.example.test'],
    });
    await state.open('a1');
    await state.fill();
    expect(state.error.value).toBe('Tessera fills the phone part only into the page its QR code came from (login.example.test). Copy it instead.');
    expect(state.handedOver.value).toBe(false);
  });

  it('Done asks the worker to delete it, then goes back to the list', async () => {
    const { state, api, view, host } = setUp();
    await state.open('a1');
    await state.done();
    expect(api.finishEnrollment).toHaveBeenCalledWith('a1');
    expect(view.value).toEqual({ name: 'list' });
    expect(state.step.value).toBeNull();
    expect(host.reloadAccounts).toHaveBeenCalled();
  });

  it('Later leaves the part pending (nothing asked of the worker)', async () => {
    const { state, api, view } = setUp();
    await state.open('a1');
    state.close();
    expect(view.value).toEqual({ name: 'list' });
    expect(api.finishEnrollment).not.toHaveBeenCalled();
  });
});
