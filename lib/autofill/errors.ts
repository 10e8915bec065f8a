/** Why a fill did not happen, said plainly to the person who asked for it. */
import { TesseraError, type AutofillErrorCode, type TesseraErrorOptions } from '@/lib/errors';

export type { AutofillErrorCode };

export class AutofillError extends TesseraError {
  declare readonly code: AutofillErrorCode;
  constructor(code: AutofillErrorCode, message: string, options?: TesseraErrorOptions) {
    super(code, message, options);
  }
}
