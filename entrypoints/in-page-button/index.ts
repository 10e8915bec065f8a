import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startInPageButton } from '@/lib/in-page';
import { createClient } from '@/lib/contract';
import { browserMessages, sendRuntimeMessage } from '@/lib/platform';
import { setMessageSource } from '@/lib/i18n';

// Registered by the worker (scripting.registerContentScripts) only while the optional in-page
// button is allowed. An unlisted script rather than a WXT content script: WXT's content-script
// context announces itself to the page with a postMessage and a DOM event.
export default defineUnlistedScript(() => {
  setMessageSource(browserMessages);
  const worker = createClient(sendRuntimeMessage);
  startInPageButton({
    win: window,
    offer: async () => (await worker.getInPageOffer()).offer,
    requestFill: () => worker.requestInPageFill(),
    random: (bytes) => crypto.getRandomValues(bytes),
  });
});
