/** The public face of `lib/accounts/`: the only way in from other folders. */
export * from './label';
export * from './manual-entry';
export * from './two-step-enrollment';
export * from './types';
