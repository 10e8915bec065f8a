/** The public face of `lib/in-page/`: the only way in from other folders. */
export * from './agent';
export * from './allowed';
export * from './button';
export * from './sender';
export * from './types';
