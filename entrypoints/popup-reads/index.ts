/**
 * A classic script at the end of popup.html: starts the popup's first reads while its modules
 * are still loading (lib/platform/popup-reads.ts). Tiny on purpose: it runs before the modules.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPopupReads } from '@/lib/platform';
import { POPUP_SNAPSHOT_KEY } from '@/lib/popup';

export default defineUnlistedScript(() => startPopupReads(POPUP_SNAPSHOT_KEY));
