/** The public face of `lib/popup/`: the only way in from other folders. */
export * from './capture';
export * from './codes';
export * from './enrollment';
export * from './list';
export * from './snapshot';
export * from './state';
export * from './view';
export * from './focus';
export * from './setup-key';
export * from './favicon';
