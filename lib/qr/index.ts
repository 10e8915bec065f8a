/** The public face of `lib/qr/`: the only way in from other folders. */
export * from './decode';
