import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, authorize, classifySender, isEnvelope, type MessageName } from '@/lib/contract';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}`;

describe('classifySender', () => {
  it.each([
    ['the popup', { id: ID, url: `${EXT}/popup.html`, origin: EXT }, 'extension-page'],
    ['an extension page opened in a tab', { id: ID, url: `${EXT}/popup.html`, origin: EXT, tab: { id: 3 } }, 'extension-page'],
    ['the Firefox popup', { id: ID, url: `moz-extension://${ID}/popup.html`, origin: `moz-extension://${ID}` }, 'extension-page'],
    ['a content script in a top frame', { id: ID, url: 'https://bank.test/login', origin: 'https://bank.test', tab: { id: 1 }, frameId: 0 }, 'content-script'],
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzz/x.html', origin: 'chrome-extension://zzzz' }, null],
    ['a sandboxed frame (opaque origin)', { id: ID, url: 'https://bank.test/frame', origin: 'null', tab: { id: 1 }, frameId: 3 }, null],
    ['a content script without a tab', { id: ID, url: 'https://bank.test/', origin: 'https://bank.test' }, null],
    ['a page URL that claims to be ours', { id: ID, url: `${EXT}/popup.html`, origin: 'https://evil.test', tab: { id: 1 } }, 'content-script'],
    ['a data: document', { id: ID, url: 'data:text/html,x', origin: 'null', tab: { id: 1 } }, null],
    ['no id at all', { url: `${EXT}/popup.html`, origin: EXT }, null],
  ])('classifies %s', (_name, sender, expected) => {
    expect(classifySender(sender, ID)).toBe(expected);
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
