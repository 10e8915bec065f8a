/** The public face of `lib/capture/`: the only way in from other folders. */
export * from './capture-flow';
export * from './classify';
export * from './find-sources';
export * from './page-scan';
export * from './read-pixels';
export * from './review';
export * from './scan-page';
export * from './screenshot';
