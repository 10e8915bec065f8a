/** What the import preview says about one entry it will not import: the catalogue's words for the problem's code. */
import type { ErrorCode, ErrorParams } from '../errors';
import { errorText } from '../error-text';
import { t, type MessageKey } from '../i18n';

/** Problems of one entry that are not errors anywhere else (lib/import's own codes). */
const ENTRY_PROBLEMS: Readonly<Record<string, MessageKey>> = {
  'not-a-uri': 'import_problem_not_a_uri',
  'empty-export': 'import_problem_empty_export',
  'encrypted-entry': 'import_problem_encrypted_entry',
  'in-trash': 'import_problem_in_trash',
  'incomplete-export': 'import_problem_incomplete_export',
};

export function importProblemText(problem: { code: string; params?: ErrorParams }): string {
  const key = ENTRY_PROBLEMS[problem.code];
  // Only incomplete-export has values (the missing parts, the total); the others ignore extra ones.
  if (key) return (t as (key: MessageKey, ...args: readonly (string | number)[]) => string)(key, ...(problem.params ?? []));
  // Every other code comes from a thrown TesseraError, so it is an ErrorCode with catalogue text.
  return errorText(problem.code as ErrorCode, problem.params);
}
