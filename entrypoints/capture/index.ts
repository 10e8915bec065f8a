/**
 * The capture script, injected on demand (activeTab + scripting) into the top frame only.
 *
 * An unlisted script, not a `defineContentScript({ registration: 'runtime' })`: WXT wraps content
 * scripts in a ContentScriptContext that dispatches a `<extension id>:…:wxt:content-script-started`
 * event on the page's document and posts a window message (a trace the page can observe and a
 * fingerprint of Tessera), and WXT adds a runtime script's `matches` to host_permissions. This
 * wrapper only runs `main`. `globalName: false` leaves no global even in the isolated world, and
 * the IIFE's value (the report's promise) is what `scripting.executeScript` hands back.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runPageScan } from '@/lib/capture';

export default defineUnlistedScript({
  globalName: false,
  main: () => runPageScan(document, window),
});
