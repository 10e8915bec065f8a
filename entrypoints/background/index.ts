import { defineBackground } from 'wxt/utils/define-background';
import { registerWorker } from '@/lib/worker';

export default defineBackground({
  type: 'module',
  // Listeners are registered synchronously so a worker woken by an event receives it.
  main() {
    registerWorker();
  },
});
