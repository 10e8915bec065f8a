/** The public face of `lib/manage/`: the only way in from other folders. */
export * from './decrypt-task';
export * from './download';
export * from './files';
export * from './lock-state';
export * from './qr-matrix';
export * from './read-image';
export * from './state';
