// @vitest-environment happy-dom
/**
 * Opaque-origin and sandboxed frames are refused by the fill protocol itself (#14.11), in the
 * frame (prepareSlot) and in the worker (chooseFillFrame). The e2e attack pages pass even
 * without these checks, because activeTab keeps the agent out of such frames; with the in-page
 * button's host permission it would be let in, so these must hold on their own.
 */
import { describe, expect, it, vi } from 'vitest';
import { chooseFillFrame, type InjectedFrame } from '@/lib/autofill/choose-frame';
import { prepareSlot } from '@/lib/autofill/frame-agent';

const found = (origin: string, frameId = 0): InjectedFrame => ({
  frameId,
  documentId: `doc-${frameId}`,
  report: { status: 'found', kind: 'single', fields: 1, confidence: 'high', why: ['autocomplete=one-time-code'], token: 't', origin },
});

function frameWindow(origin: string, protocol: string): Window {
  return { origin, location: { protocol }, document } as unknown as Window;
}

describe('the frame agent refuses opaque documents before detecting anything', () => {
  it.each([
    ['a sandboxed iframe (https URL, origin "null")', 'null', 'https:'],
    ['a CSP-sandboxed page', 'null', 'https:'],
    ['a srcdoc frame', 'https://example.test', 'about:'],
    ['a data: frame', 'null', 'data:'],
    ['a blob: frame', 'https://example.test', 'blob:'],
  ])('%s', (_what, origin, protocol) => {
    const detect = vi.fn(() => ({ kind: 'none' as const, reason: 'x' }));
    const report = prepareSlot(frameWindow(origin, protocol), detect, () => 'token');
    expect(report).toMatchObject({ status: 'refused', reason: 'opaque-origin' });
    expect(detect).not.toHaveBeenCalled();
  });
});

describe('the worker never picks a frame with an opaque origin', () => {
  it('refuses a sandboxed frame even when the tab origin reads "null" too', () => {
    expect(() => chooseFillFrame([found('null')], 'null')).toThrow(expect.objectContaining({ code: 'no-field' }));
  });

  it('skips a sandboxed subframe that found a field under a bound https top frame', () => {
    expect(() => chooseFillFrame([{ ...found('https://example.test'), report: { status: 'none', reason: 'no field', origin: 'https://example.test' } }, found('null', 3)], 'https://example.test')).toThrow(
      expect.objectContaining({ code: 'no-field' }),
    );
  });

  it('picks the frame of the top origin (the control case)', () => {
    expect(chooseFillFrame([found('null', 3), found('https://example.test', 5)], 'https://example.test').frameId).toBe(5);
  });
});
