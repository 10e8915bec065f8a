// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { SiteBinding } from '@/lib/vault/types';

/** The Public Suffix List loads on demand; here it takes a while, as on a busy machine. */
const loading = vi.hoisted(() => ({ release: () => undefined as void, gate: null as Promise<void> | null }));
vi.mock('@/lib/sites/binding', async (importOriginal) => {
  loading.gate = new Promise<void>((resolve) => (loading.release = resolve));
  await loading.gate;
  return importOriginal();
});

// lib/popup names accounts with accountLabel from lib/accounts, whose index also reaches
// lib/sites (and so the suffix list) through two-step enrollment. The build leaves that out of
// the popup (nothing there uses it); here modules are not tree-shaken, so the barrel is replaced
// by the one module the popup uses, leaving the suffix list to load only when Add is pressed.
vi.mock('@/lib/accounts', async () => import('@/lib/accounts/label'));

const { SitesEditor } = await import('@/components/SitesEditor');

describe('SitesEditor', () => {
  it('adds what was typed when Add was pressed, even if the next site is typed while the list loads', async () => {
    const sites = signal<SiteBinding[]>([]);
    render(<SitesEditor sites={sites} />);
    const input = screen.getByLabelText('Add a site') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'github.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    // Typed before the first Add has finished.
    fireEvent.input(input, { target: { value: 'gitlab.com' } });
    await waitFor(() => expect(loading.gate).not.toBeNull());
    loading.release();
    await waitFor(() => expect(sites.value).toEqual([{ match: 'site', site: 'github.com' }]));
    // The new text is kept, not wiped by the first Add.
    expect(input.value).toBe('gitlab.com');
  });
});
