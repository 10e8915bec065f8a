/** The public face of `lib/autofill/`: the only way in from other folders. */
export * from './choose-frame';
export * from './client-part';
export * from './client-part-agent';
export * from './detect';
export * from './env';
export * from './errors';
export * from './fill';
export * from './frame-agent';
export * from './in-page-guard';
