/** The public face of `lib/sites/`: the only way in from other folders. */
export * from './active-site';
export * from './binding';
