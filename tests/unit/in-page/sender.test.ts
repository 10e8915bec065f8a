import { describe, expect, it } from 'vitest';
import { inPageSender } from '@/lib/in-page/sender';

const top = { tab: { id: 7 }, frameId: 0, origin: 'https://example.test', url: 'https://example.test/login?x=1' };

describe('inPageSender', () => {
  it('takes the tab and the origin of a top-frame https sender', () => {
    expect(inPageSender(top)).toEqual({ ok: true, tabId: 7, origin: 'https://example.test' });
  });

  it('refuses a subframe, even of the same origin', () => {
    expect(inPageSender({ ...top, frameId: 3 })).toEqual({ ok: false, reason: 'not-top-frame' });
  });

  it('refuses a sender without a tab', () => {
    expect(inPageSender({ ...top, tab: undefined })).toEqual({ ok: false, reason: 'no-tab' });
  });

  it('refuses an opaque origin without falling back to the URL', () => {
    expect(inPageSender({ ...top, origin: 'null' })).toEqual({ ok: false, reason: 'opaque-origin' });
  });

  it('refuses when the URL belongs to another origin than the one the browser reports', () => {
    expect(inPageSender({ ...top, url: 'about:blank' })).toEqual({ ok: false, reason: 'origin-mismatch' });
    expect(inPageSender({ ...top, url: 'https://evil.test/' })).toEqual({ ok: false, reason: 'origin-mismatch' });
  });

  it('uses the URL only when the browser gives no origin, and never an opaque URL', () => {
    expect(inPageSender({ ...top, origin: undefined })).toEqual({ ok: true, tabId: 7, origin: 'https://example.test' });
    expect(inPageSender({ ...top, origin: undefined, url: 'data:text/html,x' })).toEqual({ ok: false, reason: 'opaque-origin' });
  });

  it('refuses plain http, even on loopback', () => {
    expect(inPageSender({ ...top, origin: 'http://example.test', url: 'http://example.test/' })).toEqual({ ok: false, reason: 'not-https' });
    expect(inPageSender({ ...top, origin: 'http://localhost:8080', url: 'http://localhost:8080/' })).toEqual({ ok: false, reason: 'not-https' });
  });
});
