import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, authorize, classifySender, isEnvelope, ownExtension, type MessageName } from '@/lib/contract';

// Chromium: the id is also the host of the extension's pages.
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}`;
const CHROMIUM = ownExtension(ID, `${EXT}/`);

// Firefox: the id is the add-on id from the manifest; pages live under a per-install UUID.
const ADDON_ID = 'tessera@tessera-authenticator.org';
const UUID = '6b1c7f2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const MOZ = `moz-extension://${UUID}`;
const FIREFOX = ownExtension(ADDON_ID, `${MOZ}/`);

describe('classifySender', () => {
  describe('on Chromium', () => {
    it.each([
      ['the popup', { id: ID, url: `${EXT}/popup.html`, origin: EXT }, 'extension-page'],
      ['an extension page opened in a tab', { id: ID, url: `${EXT}/popup.html`, origin: EXT, tab: { id: 3 } }, 'extension-page'],
      ['an extension page without `origin` (older browsers)', { id: ID, url: `${EXT}/options.html` }, 'extension-page'],
      ['a content script in a top frame', { id: ID, url: 'https://bank.test/login', origin: 'https://bank.test', tab: { id: 1 }, frameId: 0 }, 'content-script'],
      ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzz/x.html', origin: 'chrome-extension://zzzz' }, null],
      ['another extension claiming our id in its URL', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${EXT}/popup.html`, origin: EXT }, null],
      ['a moz-extension URL carrying our id', { id: ID, url: `moz-extension://${ID}/popup.html`, origin: `moz-extension://${ID}` }, null],
      ['a sandboxed frame (opaque origin)', { id: ID, url: 'https://bank.test/frame', origin: 'null', tab: { id: 1 }, frameId: 3 }, null],
      ['a content script without a tab', { id: ID, url: 'https://bank.test/', origin: 'https://bank.test' }, null],
      ['a page URL that claims to be ours', { id: ID, url: `${EXT}/popup.html`, origin: 'https://evil.test', tab: { id: 1 } }, 'content-script'],
      ['a page whose path imitates our URL', { id: ID, url: `https://evil.test/${EXT}/popup.html`, tab: { id: 1 } }, 'content-script'],
      ['our origin with a URL elsewhere', { id: ID, url: 'https://evil.test/popup.html', origin: EXT, tab: { id: 1 } }, null],
      ['a data: document', { id: ID, url: 'data:text/html,x', origin: 'null', tab: { id: 1 } }, null],
      ['no id at all', { url: `${EXT}/popup.html`, origin: EXT }, null],
    ])('classifies %s', (_name, sender, expected) => {
      expect(classifySender(sender, CHROMIUM)).toBe(expected);
    });
  });

  describe('on Firefox', () => {
    it.each([
      ['the popup', { id: ADDON_ID, url: `${MOZ}/popup.html`, origin: MOZ }, 'extension-page'],
      ['the manage page in a tab', { id: ADDON_ID, url: `${MOZ}/options.html#backup`, origin: MOZ, tab: { id: 4 } }, 'extension-page'],
      ['an extension page without `origin`', { id: ADDON_ID, url: `${MOZ}/popup.html?tab=7` }, 'extension-page'],
      ['a content script in a top frame', { id: ADDON_ID, url: 'https://bank.test/login', origin: 'https://bank.test', tab: { id: 1 }, frameId: 0 }, 'content-script'],
      // The add-on id in the host is not where Firefox serves our pages.
      ['a page at moz-extension://<add-on id>', { id: ADDON_ID, url: `moz-extension://${ADDON_ID}/popup.html`, origin: `moz-extension://${ADDON_ID}` }, null],
      ['another add-on', { id: 'other@example.org', url: 'moz-extension://11111111-2222-4333-8444-555555555555/p.html', origin: 'moz-extension://11111111-2222-4333-8444-555555555555' }, null],
      ['another add-on whose page URL carries our UUID', { id: 'other@example.org', url: `${MOZ}/popup.html`, origin: MOZ }, null],
      ['a UUID that only starts like ours', { id: ADDON_ID, url: `${MOZ}0/popup.html`, origin: `${MOZ}0` }, null],
      ['a host that only starts like ours', { id: ADDON_ID, url: `${MOZ}.evil.test/popup.html`, tab: { id: 1 } }, null],
      ['a web page whose path imitates our URL', { id: ADDON_ID, url: `https://evil.test/${MOZ}/popup.html`, origin: 'https://evil.test', tab: { id: 1 } }, 'content-script'],
      ['a web page claiming our URL with its own origin', { id: ADDON_ID, url: `${MOZ}/popup.html`, origin: 'https://evil.test', tab: { id: 1 } }, 'content-script'],
      ['a sandboxed frame (opaque origin)', { id: ADDON_ID, url: 'https://bank.test/frame', origin: 'null', tab: { id: 1 }, frameId: 3 }, null],
      ['a Chromium-shaped sender', { id: ADDON_ID, url: `chrome-extension://${ADDON_ID}/popup.html`, origin: `chrome-extension://${ADDON_ID}` }, null],
    ])('classifies %s', (_name, sender, expected) => {
      expect(classifySender(sender, FIREFOX)).toBe(expected);
    });
  });
});

describe('ownExtension', () => {
  it('takes the origin from runtime.getURL(\'\'), trailing slash or not', () => {
    expect(ownExtension(ADDON_ID, `${MOZ}/`)).toEqual({ id: ADDON_ID, origin: MOZ });
    expect(ownExtension(ID, EXT)).toEqual({ id: ID, origin: EXT });
  });

  it.each(['', '/', 'popup.html', `${MOZ}/popup.html`])('refuses %j as a base URL', (baseUrl) => {
    expect(() => ownExtension(ID, baseUrl)).toThrow(RangeError);
  });
});

describe('authorize', () => {
  it('refuses every vault message from a content script', () => {
    const inPage: MessageName[] = ['getInPageOffer', 'requestInPageFill'];
    for (const name of Object.keys(ALLOWED_SENDERS) as MessageName[]) {
      if (inPage.includes(name)) continue;
      expect(() => authorize(name, 'content-script')).toThrowError(expect.objectContaining({ code: 'sender-not-allowed' }));
    }
  });

  it('takes the in-page button\'s two questions from content scripts only', () => {
    for (const name of ['getInPageOffer', 'requestInPageFill'] as MessageName[]) {
      expect(authorize(name, 'content-script')).toBe('content-script');
      expect(() => authorize(name, 'extension-page')).toThrowError(expect.objectContaining({ code: 'sender-not-allowed' }));
    }
  });

  it('refuses unknown senders with a typed error', () => {
    expect(() => authorize('listAccounts', null)).toThrowError(expect.objectContaining({ code: 'sender-unknown' }));
  });

  it('allows extension pages', () => {
    expect(authorize('listAccounts', 'extension-page')).toBe('extension-page');
  });
});

describe('isEnvelope', () => {
  it('accepts only our messages with a known name', () => {
    expect(isEnvelope({ tessera: 1, name: 'listAccounts' })).toBe(true);
    expect(isEnvelope({ tessera: 1, name: 'toString' })).toBe(false);
    expect(isEnvelope({ tessera: 1, name: 'fill' })).toBe(false);
    expect(isEnvelope({ type: 'listAccounts' })).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });
});
