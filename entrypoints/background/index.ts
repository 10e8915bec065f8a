import { defineBackground } from 'wxt/utils/define-background';
import { registerWorker } from '@/lib/worker';
import { setMessageSource } from '@/lib/i18n';
import { browserMessages } from '@/lib/platform';

export default defineBackground({
  type: 'module',
  // Listeners are registered synchronously so a worker woken by an event receives it.
  main() {
    // Context-menu titles and the worker's messages come from the browser's catalogue.
    setMessageSource(browserMessages);
    registerWorker();
  },
});
