/** Why a fill did not happen, said plainly to the person who asked for it. */
import { TesseraError, type AutofillErrorCode } from '@/lib/errors';

export type { AutofillErrorCode };

export class AutofillError extends TesseraError {
  declare readonly code: AutofillErrorCode;
  constructor(code: AutofillErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
