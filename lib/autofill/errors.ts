/** Why a fill did not happen, said plainly to the person who asked for it. */
import { TesseraError, type TesseraErrorOptions } from '../errors';

export type AutofillErrorCode =
  | 'page-not-fillable'
  | 'not-bound'
  /** A plain-http (non-loopback) page: what is filled there can be read on the network. */
  | 'not-secure'
  | 'no-field'
  | 'ambiguous'
  | 'several-frames'
  | 'fill-refused';

export class AutofillError extends TesseraError {
  declare readonly code: AutofillErrorCode;
  constructor(code: AutofillErrorCode, message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
  }
}
