import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prepareFill } from '@/lib/autofill';

// Injected on demand (activeTab + scripting) after a user action, into the frames of the
// active tab. An unlisted script rather than a WXT content script: WXT's content-script
// context announces itself to the page with a postMessage and a DOM event.
export default defineUnlistedScript(() => prepareFill(window));
