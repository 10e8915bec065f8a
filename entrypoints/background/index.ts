import { defineBackground } from 'wxt/utils/define-background';
import { registerWorker } from '@/lib/worker';
import { setMessageSource } from '@/lib/i18n';
import { browserMessages } from '@/lib/platform';

// A classic script, not a module: Chromium keeps V8's compiled code for a classic service
// worker and starts it from that, while a module worker is parsed again at every start. A
// message to a stopped worker was answered in 56 → 49 ms (paired, 15 starts, 20 accounts;
// README, "Tests"). One file with everything it imports, since a worker cannot import() later.
export default defineBackground({
  // Listeners are registered synchronously so a worker woken by an event receives it.
  main() {
    // Context-menu titles and the worker's messages come from the browser's catalogue.
    setMessageSource(browserMessages);
    registerWorker();
  },
});
