/**
 * Every message's handler, composed from the worker's features (one file each). The only place
 * where the protocol meets the worker: `satisfies Handlers` fails to compile when a message has
 * no handler or a handler answers the wrong shape.
 */
import { accountHandlers } from './accounts';
import { backupHandlers } from './backup';
import { captureHandlers } from './capture';
import { clipboardHandlers } from './clipboard';
import type { Handlers } from './dispatch';
import type { WorkerDeps } from './deps';
import { enrollmentHandlers } from './enrollment';
import { fillHandlers } from './fill';
import { inPageHandlers } from './in-page';
import { lockHandlers } from './lock';

export function createHandlers(deps: WorkerDeps): Handlers {
  return {
    ...lockHandlers(deps),
    ...accountHandlers(deps),
    ...captureHandlers(deps),
    ...clipboardHandlers(deps),
    ...fillHandlers(deps),
    ...enrollmentHandlers(deps),
    ...backupHandlers(deps),
    ...inPageHandlers(deps),
  } satisfies Handlers;
}
