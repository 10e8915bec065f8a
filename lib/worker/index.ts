/**
 * The public face of `lib/worker/`: the background service worker, one file per feature
 * (accounts, lock, capture, fill, in-page, enrollment, backup, clipboard, snapshot, policy,
 * vault access), composed by `createHandlers` and wired to the browser by `registerWorker`.
 */
export { registerWorker } from './register';
export { createVaultAccess } from './vault-access';
export { enrollmentStep, fillEnrollmentPart } from './enrollment';
export { createCodeRequestLimiter, IN_PAGE_CODE_LIMIT, inPageFill, inPageOffer, type InPageDeps } from './in-page';
export { createPopupSnapshotWriter, type SnapshotStorage } from './snapshot';
